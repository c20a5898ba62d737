package io.durable.workflow;

import io.durable.workflow.engine.WorkflowExecution;

/**
 * Operations for code running inside a {@link Workflow}. Outside a running workflow every
 * method throws {@link IllegalStateException}.
 */
public final class Workflows {

	private Workflows() {
	}

	/**
	 * The id of the workflow run executing on this thread. Also available inside its steps, for
	 * example as an idempotency key for a call to another system.
	 * @return the current workflow id
	 * @throws IllegalStateException when no workflow runs on this thread
	 */
	public static WorkflowId workflowId() {
		return WorkflowExecution.require("Workflows.workflowId()").workflowId();
	}

}
