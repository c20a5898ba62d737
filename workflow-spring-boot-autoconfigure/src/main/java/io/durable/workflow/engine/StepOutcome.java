package io.durable.workflow.engine;

import java.time.Instant;

import io.durable.workflow.StepFailedException;
import org.jspecify.annotations.Nullable;

/** Where a step stands after being driven as far as it can go for now. */
sealed interface StepOutcome {

	/** It completed with this value. */
	record Done(@Nullable Object value) implements StepOutcome {
	}

	/** It failed for good. */
	record Failed(StepFailedException failure) implements StepOutcome {
	}

	/** It waits until this time: scheduled, or a retry backing off. */
	record Waiting(Instant until) implements StepOutcome {
	}

}
