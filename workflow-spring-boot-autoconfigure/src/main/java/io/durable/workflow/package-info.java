/**
 * The public API of durable workflows: {@code @Workflow} and {@code @Step},
 * {@link io.durable.workflow.Workflows} inside a workflow,
 * {@link io.durable.workflow.WorkflowClient} outside, and what they return and throw.
 */
@NullMarked
package io.durable.workflow;

import org.jspecify.annotations.NullMarked;
