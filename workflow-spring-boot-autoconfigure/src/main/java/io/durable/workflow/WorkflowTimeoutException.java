package io.durable.workflow;

import java.time.Duration;

/**
 * A wait ended before what it waited for: {@link WorkflowClient#result}'s wait for a run
 * to finish (the run is not affected and keeps going), or, inside a workflow, an
 * {@link Workflows#awaitEvent} with a timeout, which the workflow may catch (for example
 * to remind someone and wait again).
 */
public final class WorkflowTimeoutException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private WorkflowTimeoutException(String message) {
		super(message);
	}

	/**
	 * A wait for a run's result timed out.
	 * @param id the run
	 * @param timeout how long the caller waited
	 * @return the exception
	 */
	public static WorkflowTimeoutException result(WorkflowId id, Duration timeout) {
		return new WorkflowTimeoutException("Workflow '" + id + "' did not finish within " + timeout);
	}

	/**
	 * A workflow's wait for an event passed its deadline; raised again, with the same
	 * message, on every replay.
	 * @param message which event and which deadline
	 * @return the exception
	 */
	public static WorkflowTimeoutException event(String message) {
		return new WorkflowTimeoutException(message);
	}

}
