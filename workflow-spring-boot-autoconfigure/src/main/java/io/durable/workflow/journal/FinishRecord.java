package io.durable.workflow.journal;

import java.time.Instant;

import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * A run's outcome to record, if its node still owns it.
 *
 * @param runId the workflow id
 * @param owner the node that must still own the run
 * @param state the final state
 * @param result the return value JSON of a completed run
 * @param error the error of a failed run
 * @param finishedAt when it finished
 * @param lastStep a completed step to journal in the same commit, or {@code null}
 */
public record FinishRecord(String runId, String owner, WorkflowState state, @Nullable String result,
		@Nullable String error, Instant finishedAt, @Nullable StepRecord lastStep) {
}
