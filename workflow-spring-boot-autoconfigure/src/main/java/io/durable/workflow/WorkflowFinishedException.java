package io.durable.workflow;

/** The operation needs a workflow in progress, but this one has finished. */
public class WorkflowFinishedException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final WorkflowState state;

	public WorkflowFinishedException(WorkflowId workflowId, WorkflowState state, String operation) {
		super("Cannot " + operation + ": workflow '" + workflowId + "' has finished (" + state + ")");
		this.state = state;
	}

	/**
	 * The state the workflow finished in.
	 * @return the state
	 */
	public WorkflowState state() {
		return this.state;
	}

}
