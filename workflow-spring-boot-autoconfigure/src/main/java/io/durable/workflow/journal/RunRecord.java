package io.durable.workflow.journal;

import java.time.Instant;

import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * A stored run, as status queries read it.
 *
 * @param id the workflow id
 * @param name the workflow name
 * @param state the run's state
 * @param result the return value JSON of a completed run
 * @param error the error of a failed run
 * @param createdAt when the run was started
 * @param finishedAt when it finished
 * @param parentId the parent of a child workflow, or {@code null}
 * @param handler the completion handler's bean name, or {@code null}
 * @param context the completion handler's context JSON, or {@code null}
 * @param owner the node holding the run's lease, or {@code null}
 * @param dueAt when its lease ends or, released, when it is due, or {@code null}
 * @param handlerError the last failure of its completion handler, or {@code null}
 * @param stalled why the run is parked (its replay diverged from its journal), or
 * {@code null}
 * @param startedVersion the code version it started on, or {@code null}
 * @param lastVersion the code version that last claimed it, or {@code null}
 * @param deadline when it is canceled unless it has finished, or {@code null}
 * @param forkedFrom the run it was forked from, or {@code null}
 */
public record RunRecord(String id, String name, WorkflowState state, @Nullable String result, @Nullable String error,
		Instant createdAt, @Nullable Instant finishedAt, @Nullable String parentId, @Nullable String handler,
		@Nullable String context, @Nullable String owner, @Nullable Instant dueAt, @Nullable String handlerError,
		@Nullable String stalled, @Nullable String startedVersion, @Nullable String lastVersion,
		@Nullable Instant deadline, @Nullable String forkedFrom) {
}
