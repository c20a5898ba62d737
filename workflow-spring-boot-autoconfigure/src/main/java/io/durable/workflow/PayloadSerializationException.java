package io.durable.workflow;

import org.jspecify.annotations.Nullable;

/**
 * A workflow argument, step result or return value could not be written to (or read back
 * from) JSON with the application's Jackson mapper. At {@code start} nothing is stored.
 */
public class PayloadSerializationException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public PayloadSerializationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
