package io.durable.workflow;

/** No workflow run with the given id exists (never started, rolled back, or cleaned up). */
public class WorkflowNotFoundException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final WorkflowId workflowId;

	public WorkflowNotFoundException(WorkflowId workflowId) {
		super("No workflow with id '" + workflowId + "' exists");
		this.workflowId = workflowId;
	}

	/**
	 * The id that was not found.
	 * @return the workflow id
	 */
	public WorkflowId workflowId() {
		return this.workflowId;
	}

}
