package io.durable.workflow.dashboard;

import java.time.Instant;

import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowSummary;
import org.jspecify.annotations.Nullable;

/**
 * A run as the dashboard lists it.
 *
 * @param id the workflow id
 * @param name the workflow's name
 * @param state its state
 * @param createdAt when it started
 * @param finishedAt when it finished, or {@code null}
 * @param error the error of a failed run, or {@code null}
 * @param stalled why a run in progress is parked, or {@code null}
 * @param startedVersion the code version it started on, or {@code null}
 */
public record RunRow(String id, String name, WorkflowState state, Instant createdAt, @Nullable Instant finishedAt,
		@Nullable String error, @Nullable String stalled, @Nullable String startedVersion) {

	static RunRow of(WorkflowSummary summary) {
		return new RunRow(summary.id().value(), summary.name(), summary.state(), summary.createdAt(),
				summary.finishedAt(), summary.error(), summary.stalled(), summary.startedVersion());
	}

}
