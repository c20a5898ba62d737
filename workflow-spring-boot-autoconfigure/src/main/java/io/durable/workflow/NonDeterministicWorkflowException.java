package io.durable.workflow;

/**
 * A replayed workflow did not call the steps its journal recorded: the workflow's code
 * changed while the run was in progress, or it depends on something other than its
 * arguments and step results. The run fails with this error; it cannot be resumed.
 */
public class NonDeterministicWorkflowException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public NonDeterministicWorkflowException(String message) {
		super(message);
	}

}
