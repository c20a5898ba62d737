package io.durable.workflow;

/**
 * Raised by {@link Workflows#awaitEvent} when no event arrived within the wait's timeout. The
 * workflow may catch it, for example to remind someone and wait again.
 */
public class EventTimeoutException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public EventTimeoutException(String message) {
		super(message);
	}

}
