package io.durable.workflow.journal;

import org.jspecify.annotations.Nullable;

/**
 * A recorded step, as replay reads it.
 *
 * @param sequence the step's position
 * @param name the step name
 * @param failed whether the step threw
 * @param result the result JSON of a completed step
 * @param error the error of a failed step, {@code type: message}
 */
public record JournalEntry(int sequence, String name, boolean failed, @Nullable String result, @Nullable String error) {
}
