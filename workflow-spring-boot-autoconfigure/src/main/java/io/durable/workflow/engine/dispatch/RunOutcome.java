package io.durable.workflow.engine.dispatch;

import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended, as stored.
 *
 * @param state the final state
 * @param result the return value JSON of a completed run
 * @param error the error of a failed run
 */
public record RunOutcome(WorkflowState state, @Nullable String result, @Nullable String error) {
}
