/**
 * A turn's execution and replay: the {@code WorkflowExecutor} replays a run's journal
 * through its code ({@code WorkflowExecution}, {@code ReplayCursor}), runs and journals
 * each new step ({@code StepRunner}, {@code JournalWriter}), waits for events and
 * children, and ends the run ({@code RunFinisher}, {@code RunTermination}).
 * {@code WorkflowInternal} is how {@code Workflows} reaches the run on the calling
 * thread. Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.engine.execution;

import org.jspecify.annotations.NullMarked;
