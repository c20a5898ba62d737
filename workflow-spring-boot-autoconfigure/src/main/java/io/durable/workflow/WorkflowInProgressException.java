package io.durable.workflow;

/** The operation needs a finished workflow, but this one is still in progress. */
public class WorkflowInProgressException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public WorkflowInProgressException(WorkflowId workflowId, String operation) {
		super("Cannot " + operation + ": workflow '" + workflowId + "' is still in progress; cancel it first");
	}

}
