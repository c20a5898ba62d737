package io.durable.workflow.journal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event of a run as the dashboard lists it, without its value.
 *
 * @param name the event name
 * @param byId whether it is addressed by its id rather than by name
 * @param state {@code CREATED}, {@code SENT} or {@code CONSUMED}
 * @param createdAt when it was stored
 * @param sentAt when it was sent, or {@code null} while only created
 * @param consumedAt when a wait received it, or {@code null}
 * @param error the error it was sent as, or {@code null}
 */
public record ListedEvent(String name, boolean byId, String state, Instant createdAt, @Nullable Instant sentAt,
		@Nullable Instant consumedAt, @Nullable String error) {
}
