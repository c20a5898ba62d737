package io.durable.workflow.engine.execution;

import java.time.Instant;

import io.durable.workflow.WorkflowException;
import org.jspecify.annotations.Nullable;

/** Where a step stands after being driven as far as it can go for now. */
sealed interface StepOutcome {

	/** It completed with this value. */
	record Done(@Nullable Object value) implements StepOutcome {
	}

	/**
	 * It failed for good: a step's {@code StepFailedException}, or a child workflow's
	 * failure.
	 */
	record Failed(WorkflowException failure) implements StepOutcome {
	}

	/** It waits until this time: scheduled, or a retry backing off. */
	record Waiting(Instant until) implements StepOutcome {
	}

	/**
	 * It waits for a child workflow, which signals its parent when it finishes.
	 *
	 * @param seenSignals the parent's signal count seen before looking at the child
	 */
	record Pending(long seenSignals) implements StepOutcome {
	}

}
