package io.durable.workflow;

import java.time.Duration;

/**
 * A wait for a workflow's result ended before the workflow finished. The workflow itself is
 * not affected and keeps running.
 */
public class WorkflowTimeoutException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public WorkflowTimeoutException(WorkflowId workflowId, Duration timeout) {
		super("Workflow '" + workflowId + "' did not finish within " + timeout);
	}

}
