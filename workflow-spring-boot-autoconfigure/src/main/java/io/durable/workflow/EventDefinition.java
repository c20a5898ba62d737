package io.durable.workflow;

import java.util.Objects;

/**
 * An event's name and value type, shared by the workflow that waits for it and the code
 * that sends it, so both agree:
 *
 * <pre>{@code
 * public static final EventDefinition<Approval> APPROVAL = EventDefinition.of("approval", Approval.class);
 *
 * Approval approval = Workflows.awaitEvent(APPROVAL);           // in the workflow
 * client.sendEvent(workflowId, APPROVAL, new Approval(true));   // from a controller
 * }</pre>
 *
 * Bean Validation constraints on the type ({@code @NotBlank}, {@code @Positive}, ...) are
 * checked when the event is sent: an invalid value is rejected there, and nothing is
 * stored.
 *
 * @param <T> the value type
 * @param name the event name
 * @param type the value type
 */
public record EventDefinition<T>(String name, Class<T> type) {

	public EventDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		if (name.isBlank()) {
			throw new IllegalArgumentException("An event name must not be blank");
		}
	}

	/**
	 * Returns the definition of an event.
	 * @param <T> the value type
	 * @param name the event name
	 * @param type the value type
	 * @return the definition
	 */
	public static <T> EventDefinition<T> of(String name, Class<T> type) {
		return new EventDefinition<>(name, type);
	}

}
