package io.durable.workflow;

import org.springframework.context.ApplicationEvent;

/**
 * A workflow run changed state on this node: it started ({@link WorkflowState#IN_PROGRESS}),
 * completed, failed, or was canceled (also as a child of a canceled or finished parent).
 * Published once the change has committed, on the thread that made it: listen with
 * {@code @EventListener}, and hand slow work to another thread ({@code @Async}). Changes made on
 * other nodes sharing the database are published there.
 */
public class WorkflowStateChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final WorkflowId workflowId;

	private final String workflowName;

	private final WorkflowState state;

	/**
	 * @param workflowId the run
	 * @param workflowName its workflow's name
	 * @param state its new state
	 */
	public WorkflowStateChangedEvent(WorkflowId workflowId, String workflowName, WorkflowState state) {
		super(workflowId);
		this.workflowId = workflowId;
		this.workflowName = workflowName;
		this.state = state;
	}

	/**
	 * The run that changed.
	 * @return its id
	 */
	public WorkflowId workflowId() {
		return this.workflowId;
	}

	/**
	 * The name of the run's workflow.
	 * @return the {@link Workflow#name()}
	 */
	public String workflowName() {
		return this.workflowName;
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
		return "Workflow '" + this.workflowName + "' (run '" + this.workflowId + "') " + this.state;
	}

}
