package io.durable.workflow.journal;

import java.time.Instant;

import io.durable.workflow.StepState;
import org.jspecify.annotations.Nullable;

/**
 * A journaled step, as replay reads it.
 *
 * @param sequence the step's position
 * @param name the step name
 * @param state {@code COMPLETED}, {@code FAILED}, {@code WAITING}, or {@code RUNNING} (an
 * attempt that began and has not ended: a crash or a fault may have cut it off)
 * @param attempts attempts made so far, those cut off included
 * @param failures how many of them failed
 * @param result the result JSON of a completed step
 * @param error the error of the last failed attempt, {@code type: message}
 * @param wakeAt when a waiting step continues
 */
public record JournalEntry(int sequence, String name, StepState state, int attempts, int failures,
		@Nullable String result, @Nullable String error, @Nullable Instant wakeAt) {
}
