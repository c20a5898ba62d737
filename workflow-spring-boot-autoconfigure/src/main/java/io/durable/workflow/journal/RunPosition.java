package io.durable.workflow.journal;

import java.time.Instant;

import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * Where a stored run stands: who holds it, and until when it is not due.
 *
 * @param id the workflow id
 * @param state the run's state
 * @param owner the node holding its lease, or {@code null}
 * @param dueAt when its lease ends or, released, when it is due; {@code null} if it waits
 * only for something from outside, or has finished
 */
public record RunPosition(String id, WorkflowState state, @Nullable String owner, @Nullable Instant dueAt) {
}
