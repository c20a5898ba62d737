package io.durable.workflow;

/**
 * A workflow argument list, step result or return value is larger, as JSON, than
 * {@code workflow.journal.max-payload-size}. At {@code start} nothing is stored. Store large data
 * in your own tables and pass its id instead, or raise the limit.
 */
public class PayloadTooLargeException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public PayloadTooLargeException(String what, long sizeBytes, long limitBytes) {
		super(what + " is " + sizeBytes + " bytes as JSON, more than workflow.journal.max-payload-size ("
				+ limitBytes + " bytes)");
	}

}
