package io.durable.workflow;

/** The awaited workflow run failed; {@link #error()} holds what it recorded. */
public class WorkflowFailedException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final WorkflowId workflowId;

	private final String error;

	public WorkflowFailedException(WorkflowId workflowId, String error) {
		super("Workflow '" + workflowId + "' failed: " + error);
		this.workflowId = workflowId;
		this.error = error;
	}

	/**
	 * The failed run's id.
	 * @return the workflow id
	 */
	public WorkflowId workflowId() {
		return this.workflowId;
	}

	/**
	 * The recorded error: the exception's type and message.
	 * @return the error
	 */
	public String error() {
		return this.error;
	}

}
