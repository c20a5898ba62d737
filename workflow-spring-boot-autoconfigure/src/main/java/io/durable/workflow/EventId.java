package io.durable.workflow;

import java.util.Objects;

/**
 * The identifier of one event created with {@link WorkflowClient#createEvent}: the
 * workflow waits for exactly this event with
 * {@link Workflows#awaitEvent(EventId, Class)}, and a sender sends it with
 * {@link WorkflowClient#sendEvent(EventId, Object)}. Pass it around as {@link #value()}.
 *
 * @param value the identifier
 */
public record EventId(String value) {

	public EventId {
		Objects.requireNonNull(value, "An event id must not be null");
		if (value.isBlank() || value.length() > WorkflowId.MAX_LENGTH) {
			throw new IllegalArgumentException("An event id must be 1 to " + WorkflowId.MAX_LENGTH
					+ " characters and not blank, got '" + value + "'");
		}
	}

	/**
	 * Returns the id with the given value.
	 * @param value the identifier
	 * @return the event id
	 */
	public static EventId of(String value) {
		return new EventId(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
