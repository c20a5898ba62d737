package io.durable.workflow;

/** The event with the given {@link EventId} was sent already: an event id is used once. */
public class EventAlreadySentException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public EventAlreadySentException(EventId id) {
		super("The event with id '" + id + "' was sent already; an event id is sent once");
	}

}
