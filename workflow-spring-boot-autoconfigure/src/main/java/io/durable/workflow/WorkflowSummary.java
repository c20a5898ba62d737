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
 * @param error the error of a failed run, why the engine canceled a canceled one (its
 * deadline passed), or {@code null}
 * @param handlerError the last failure of its completion handler, or {@code null}: while
 * the run is in progress, why it is not reported finished yet; once finished, why its
 * outcome stands without the handler (it gave up after
 * {@code workflow.completion-handler.max-attempts})
 * @param stalled why a run in progress is parked (its replay diverged from its journal:
 * see {@link WorkflowStatus.InProgress#stalled()}), or {@code null}
 * @param startedVersion the version of the application's code the run started on
 * ({@code workflow.code-version}), or {@code null} if it started before runs recorded it
 * @param lastVersion the version of the application's code that last claimed the run to
 * go on with it (the one it started on until then), or {@code null}
 * @param deadline when the run is canceled unless it has finished
 * ({@link StartOptions#deadline}), or {@code null} for none
 * @param forkedFrom the run it was forked from ({@link WorkflowClient#fork}), or
 * {@code null}
 */
public record WorkflowSummary(WorkflowId id, String name, WorkflowState state, @Nullable WorkflowId parent,
		Instant createdAt, @Nullable Instant finishedAt, @Nullable String result, @Nullable String error,
		@Nullable String handlerError, @Nullable String stalled, @Nullable String startedVersion,
		@Nullable String lastVersion, @Nullable Instant deadline, @Nullable WorkflowId forkedFrom) {
}
