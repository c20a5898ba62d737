package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;

import io.durable.workflow.WorkflowId;
import org.jspecify.annotations.Nullable;

/**
 * What a start asks for besides its workflow and arguments.
 *
 * @param id the run's id
 * @param delay how long after now it starts
 * @param parentId the parent of a child workflow, or {@code null}
 * @param handler the completion handler's bean name, or {@code null}
 * @param context the completion handler's context JSON, or {@code null}
 * @param deadline when the run is canceled unless it has finished, or {@code null}
 * @param queue the named queue asked for, or {@code null} for its workflow's
 * @param priority its priority in the queue (lower first), or {@code null}
 * @param dedupId the deduplication id it holds in the queue, or {@code null}
 * @param debounce how long a burst of starts with the deduplication id must be quiet
 * before the run begins, or {@code null}
 */
public record RunStart(WorkflowId id, Duration delay, @Nullable String parentId, @Nullable String handler,
		@Nullable String context, @Nullable Instant deadline, @Nullable String queue, @Nullable Integer priority,
		@Nullable String dedupId, @Nullable Duration debounce) {

	/** The start of a child workflow: its parent's deadline, its workflow's queue. */
	static RunStart child(WorkflowId id, Duration delay, String parentId, @Nullable Instant deadline) {
		return new RunStart(id, delay, parentId, null, null, deadline, null, null, null, null);
	}

}
