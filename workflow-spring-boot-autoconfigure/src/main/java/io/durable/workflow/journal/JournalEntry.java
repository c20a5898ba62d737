package io.durable.workflow.journal;

import java.time.Instant;

import io.durable.workflow.StepState;
import org.jspecify.annotations.Nullable;

/**
 * A journaled step, as replay reads it.
 *
 * @param sequence the step's position
 * @param name the step name
 * @param state {@code COMPLETED}, {@code FAILED} or {@code WAITING}
 * @param attempts attempts made so far
 * @param result the result JSON of a completed step
 * @param error the error of the last failed attempt, {@code type: message}
 * @param wakeAt when a waiting step continues
 */
public record JournalEntry(int sequence, String name, StepState state, int attempts, @Nullable String result,
		@Nullable String error, @Nullable Instant wakeAt) {
}
