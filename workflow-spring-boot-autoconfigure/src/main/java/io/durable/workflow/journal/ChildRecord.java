package io.durable.workflow.journal;

import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * What a parent waiting for a child workflow sees, read in one statement: its own signal
 * count and the child's state, so that a child finishing after the look is known by the
 * signal it sends.
 *
 * @param parentSignals the parent's signal count
 * @param state the child's state, or {@code null} if it is not stored (it was deleted)
 * @param result the child's return value JSON, if it completed
 * @param error the child's error, if it failed
 */
public record ChildRecord(long parentSignals, @Nullable WorkflowState state, @Nullable String result,
		@Nullable String error) {
}
