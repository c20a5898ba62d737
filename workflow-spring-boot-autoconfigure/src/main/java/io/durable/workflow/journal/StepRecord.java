package io.durable.workflow.journal;

import java.time.Instant;

import io.durable.workflow.StepState;
import org.jspecify.annotations.Nullable;

/**
 * A step row to write or one read back for listing.
 *
 * @param runId the workflow id
 * @param sequence the step's position
 * @param name the step name
 * @param state the step's state
 * @param attempts how many times it ran, attempts cut off by a crash or a database fault
 * included
 * @param failures how many of its attempts failed (what its retry policy bounds)
 * @param result the result JSON
 * @param error the error, {@code type: message}
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param wakeAt when a waiting step continues
 */
public record StepRecord(String runId, int sequence, String name, StepState state, int attempts, int failures,
		@Nullable String result, @Nullable String error, Instant startedAt, @Nullable Instant finishedAt,
		@Nullable Instant wakeAt) {

	/** The entry replay reads for this row. */
	public JournalEntry entry() {
		return new JournalEntry(this.sequence, this.name, this.state, this.attempts, this.failures, this.result,
				this.error, this.wakeAt);
	}

}
