package io.durable.workflow.journal;

import org.jspecify.annotations.Nullable;

/**
 * A stored event.
 *
 * @param id the event id
 * @param runId the run it is sent to
 * @param name the event name
 * @param byId whether it is addressed by its id (created with {@code createEvent}) rather
 * than by name
 * @param state {@code CREATED}, {@code SENT} or {@code CONSUMED}
 * @param value the value JSON, or {@code null}
 * @param error the error it was sent as, or {@code null}
 */
public record EventRecord(String id, String runId, String name, boolean byId, String state, @Nullable String value,
		@Nullable String error) {

	/** Created, not sent yet. */
	public static final String CREATED = "CREATED";

	/** Sent, not consumed yet. */
	public static final String SENT = "SENT";

	/** Consumed by a wait. */
	public static final String CONSUMED = "CONSUMED";

}
