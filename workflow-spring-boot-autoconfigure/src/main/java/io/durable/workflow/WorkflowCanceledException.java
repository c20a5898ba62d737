package io.durable.workflow;

import org.jspecify.annotations.Nullable;

/** The awaited workflow run was canceled. */
public class WorkflowCanceledException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public WorkflowCanceledException(WorkflowId workflowId) {
		this(workflowId, null);
	}

	/**
	 * @param workflowId the canceled run
	 * @param reason why the engine canceled it (its deadline passed), or {@code null}
	 */
	public WorkflowCanceledException(WorkflowId workflowId, @Nullable String reason) {
		super("Workflow '" + workflowId + "' was canceled" + ((reason != null) ? ": " + reason : ""));
	}

}
