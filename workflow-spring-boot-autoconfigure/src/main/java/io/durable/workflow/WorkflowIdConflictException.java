package io.durable.workflow;

/**
 * A start asked for a workflow id that an existing run of a <em>different</em> workflow
 * already uses. (Starting the same workflow with the same id again is not an error: it
 * returns the existing run.)
 */
public class WorkflowIdConflictException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public WorkflowIdConflictException(WorkflowId workflowId, String existingWorkflow, String requestedWorkflow) {
		super("Workflow id '" + workflowId + "' is already used by a run of workflow '" + existingWorkflow
				+ "'; cannot start workflow '" + requestedWorkflow + "' with it. Choose another id.");
	}

}
