package io.durable.workflow;

/** No event with the given {@link EventId} exists (never created, or its workflow was cleaned up). */
public class EventNotFoundException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public EventNotFoundException(EventId id) {
		super("No event with id '" + id + "' exists; create it first with WorkflowClient.createEvent");
	}

}
