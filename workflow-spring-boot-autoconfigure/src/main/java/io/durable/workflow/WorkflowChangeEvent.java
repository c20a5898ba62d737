package io.durable.workflow;

import org.springframework.context.ApplicationEvent;

/**
 * Something changed in a workflow run on this node: a {@link WorkflowStateChangedEvent} or a
 * {@link WorkflowStepJournaledEvent}. Published once the change has committed, on the thread
 * that made it; listen for this type to hear of every change of a run. Changes made on other
 * nodes sharing the database are published there.
 */
public abstract class WorkflowChangeEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final WorkflowId workflowId;

	private final String workflowName;

	/**
	 * @param workflowId the run, also the event's source
	 * @param workflowName its workflow's name
	 */
	protected WorkflowChangeEvent(WorkflowId workflowId, String workflowName) {
		super(workflowId);
		this.workflowId = workflowId;
		this.workflowName = workflowName;
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

}
