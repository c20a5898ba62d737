package io.durable.workflow;

/**
 * The call does not fit the state of the run or event it names: the run has finished, or
 * has not, a caller-chosen id belongs to a run of another workflow, or an event id was
 * used already. Nothing changed. The endpoint answers it with 400.
 */
public final class WorkflowStateException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private WorkflowStateException(String message) {
		super(message);
	}

	/**
	 * The call needs a run in progress, but this one has finished.
	 * @param id the run
	 * @param state the state it finished in
	 * @param operation what was asked, for the message ("send event 'approved'")
	 * @return the exception
	 */
	public static WorkflowStateException finished(WorkflowId id, WorkflowState state, String operation) {
		return new WorkflowStateException(
				"Cannot " + operation + ": workflow '" + id + "' has finished (" + state + ")");
	}

	/**
	 * The call needs a finished run, but this one is still in progress.
	 * @param id the run
	 * @param operation what was asked, for the message ("clean up")
	 * @return the exception
	 */
	public static WorkflowStateException inProgress(WorkflowId id, String operation) {
		return new WorkflowStateException(
				"Cannot " + operation + ": workflow '" + id + "' is still in progress; cancel it first");
	}

	/**
	 * Only a failed or canceled run can be resumed.
	 * @param id the run
	 * @param state its state
	 * @return the exception
	 */
	public static WorkflowStateException notResumable(WorkflowId id, WorkflowState state) {
		return new WorkflowStateException("Cannot resume workflow '" + id + "': it is " + state
				+ "; only a failed or canceled run can be resumed");
	}

	/**
	 * A run of a queue cannot be resumed while another run in progress holds its
	 * deduplication id in that queue.
	 * @param id the run
	 * @return the exception
	 */
	public static WorkflowStateException deduplicationIdHeld(WorkflowId id) {
		return new WorkflowStateException("Cannot resume workflow '" + id + "': a run started since holds its"
				+ " deduplication id in its queue and is in progress; resume it once that run has finished");
	}

	/**
	 * A start asked for an id that a run of a <em>different</em> workflow uses. (Starting
	 * the same workflow with the same id again is not an error: it returns the existing
	 * run.)
	 * @param id the id asked for
	 * @param existingWorkflow the workflow of the run that has it
	 * @param requestedWorkflow the workflow the start asked for
	 * @return the exception
	 */
	public static WorkflowStateException idTaken(WorkflowId id, String existingWorkflow, String requestedWorkflow) {
		return new WorkflowStateException(
				"Workflow id '" + id + "' is already used by a run of workflow '" + existingWorkflow
						+ "'; cannot start workflow '" + requestedWorkflow + "' with it. Choose another id.");
	}

	/**
	 * The event with this id was sent already: an event id is used once.
	 * @param id the event id
	 * @return the exception
	 */
	public static WorkflowStateException eventAlreadySent(EventId id) {
		return new WorkflowStateException("The event with id '" + id + "' was sent already; an event id is sent once");
	}

}
