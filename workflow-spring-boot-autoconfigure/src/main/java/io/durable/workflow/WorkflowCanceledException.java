package io.durable.workflow;

/** The awaited workflow run was canceled. */
public class WorkflowCanceledException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public WorkflowCanceledException(WorkflowId workflowId) {
		super("Workflow '" + workflowId + "' was canceled");
	}

}
