package io.durable.workflow;

/**
 * A replayed workflow did not call the steps its journal recorded: the workflow's code
 * changed while the run was in progress, or it depends on something other than its
 * arguments and step results. Such a run is parked (see
 * {@link WorkflowStatus.InProgress#stalled()}) with this exception's message as the
 * reason; with {@code workflow.on-divergence=fail} it fails with this error instead.
 */
public class NonDeterministicWorkflowException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	public NonDeterministicWorkflowException(String message) {
		super(message);
	}

}
