package io.durable.workflow;

/**
 * A workflow run changed state on this node: it started ({@link WorkflowState#IN_PROGRESS}),
 * completed, failed, or was canceled (also as a child of a canceled or finished parent).
 * Published once the change has committed, on the thread that made it: listen with
 * {@code @EventListener}, and hand slow work to another thread ({@code @Async}). Changes made on
 * other nodes sharing the database are published there.
 */
public class WorkflowStateChangedEvent extends WorkflowChangeEvent {

	private static final long serialVersionUID = 1L;

	private final WorkflowState state;

	/**
	 * @param workflowId the run
	 * @param workflowName its workflow's name
	 * @param state its new state
	 */
	public WorkflowStateChangedEvent(WorkflowId workflowId, String workflowName, WorkflowState state) {
		super(workflowId, workflowName);
		this.state = state;
	}

	/**
	 * The run's new state.
	 * @return the state
	 */
	public WorkflowState state() {
		return this.state;
	}

	@Override
	public String toString() {
		return "Workflow '" + workflowName() + "' (run '" + workflowId() + "') " + this.state;
	}

}
