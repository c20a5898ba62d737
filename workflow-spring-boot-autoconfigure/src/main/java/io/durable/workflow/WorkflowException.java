package io.durable.workflow;

import org.jspecify.annotations.Nullable;

/** Base class of the exceptions this library throws; all of them are unchecked. */
public abstract class WorkflowException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected WorkflowException(String message) {
		super(message);
	}

	protected WorkflowException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
