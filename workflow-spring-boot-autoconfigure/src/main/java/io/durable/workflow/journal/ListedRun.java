package io.durable.workflow.journal;

import java.time.Instant;

import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * A run as a listing shows it.
 *
 * @param id the workflow id
 * @param name the workflow name
 * @param state its state
 * @param parentId its parent, or {@code null}
 * @param createdAt when it was started
 * @param finishedAt when it finished
 * @param result the return value JSON
 * @param error the error
 * @param handlerError the last failure of its completion handler
 * @param stalled why it is parked (its replay diverged from its journal), or {@code null}
 * @param startedVersion the code version it started on, or {@code null} if it started
 * before runs recorded it
 * @param lastVersion the code version that last claimed it, or {@code null}
 * @param deadline when it is canceled unless it has finished, or {@code null}
 * @param forkedFrom the run it was forked from, or {@code null}
 */
public record ListedRun(String id, String name, WorkflowState state, @Nullable String parentId, Instant createdAt,
		@Nullable Instant finishedAt, @Nullable String result, @Nullable String error, @Nullable String handlerError,
		@Nullable String stalled, @Nullable String startedVersion, @Nullable String lastVersion,
		@Nullable Instant deadline, @Nullable String forkedFrom) {
}
