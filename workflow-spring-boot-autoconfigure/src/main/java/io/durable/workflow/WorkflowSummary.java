package io.durable.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One workflow run, as listed.
 *
 * @param id the workflow id
 * @param name the workflow name
 * @param state the run's state
 * @param parent the parent workflow of a child workflow, or {@code null}
 * @param createdAt when it was started
 * @param finishedAt when it finished, or {@code null}
 * @param result the return value of a completed run, as JSON, or {@code null}
 * @param error the error of a failed run, or {@code null}
 */
public record WorkflowSummary(WorkflowId id, String name, WorkflowState state, @Nullable WorkflowId parent,
		Instant createdAt, @Nullable Instant finishedAt, @Nullable String result, @Nullable String error) {
}
