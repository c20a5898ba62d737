package io.durable.workflow;

/**
 * Raised by {@link Workflows#awaitEvent} when the awaited event was sent as an error
 * ({@link WorkflowClient#failEvent}), or its value could not be read as the awaited type.
 * The workflow may catch it.
 */
public class EventFailedException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final String eventName;

	private final String error;

	public EventFailedException(String eventName, String error) {
		super("Event '" + eventName + "' failed: " + error);
		this.eventName = eventName;
		this.error = error;
	}

	/**
	 * The failed event's name.
	 * @return the event name
	 */
	public String eventName() {
		return this.eventName;
	}

	/**
	 * The error the sender gave.
	 * @return the error message
	 */
	public String error() {
		return this.error;
	}

}
