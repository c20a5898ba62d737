package io.durable.workflow;

import java.util.Collection;
import java.util.TreeSet;

/**
 * What a call names does not exist: a workflow run (never started, rolled back, or
 * cleaned up), a {@link Workflow} name this application does not register, or an event id
 * never created. The endpoint answers it with 404.
 */
public final class WorkflowNotFoundException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private WorkflowNotFoundException(String message) {
		super(message);
	}

	/**
	 * No run with this id exists.
	 * @param id the id asked for
	 * @return the exception
	 */
	public static WorkflowNotFoundException run(WorkflowId id) {
		return new WorkflowNotFoundException("No workflow with id '" + id + "' exists");
	}

	/**
	 * No {@link Workflow} has this name.
	 * @param name the name asked for
	 * @param knownNames the names that are registered, listed in the message
	 * @return the exception
	 */
	public static WorkflowNotFoundException workflow(String name, Collection<String> knownNames) {
		return new WorkflowNotFoundException(
				"No @Workflow named '" + name + "' is registered; known workflows: " + new TreeSet<>(knownNames));
	}

	/**
	 * No event with this id exists (never created, or its workflow was cleaned up).
	 * @param id the event id asked for
	 * @return the exception
	 */
	public static WorkflowNotFoundException event(EventId id) {
		return new WorkflowNotFoundException(
				"No event with id '" + id + "' exists; create it first with WorkflowClient.createEvent");
	}

}
