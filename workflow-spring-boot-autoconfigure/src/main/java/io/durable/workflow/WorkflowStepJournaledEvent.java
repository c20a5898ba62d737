package io.durable.workflow;

import org.springframework.context.ApplicationEvent;

/**
 * A step of a workflow run was journaled on this node: it completed or failed, or it waits (for
 * its next attempt, its scheduled time, the end of a sleep, an event or a child workflow).
 * Published once its journal entry has committed, on the thread that wrote it, which is a
 * workflow thread: keep listeners fast, or hand their work to another thread ({@code @Async}).
 */
public class WorkflowStepJournaledEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final WorkflowId workflowId;

	private final String workflowName;

	private final StepInfo step;

	/**
	 * @param workflowId the run
	 * @param workflowName its workflow's name
	 * @param step the step as journaled
	 */
	public WorkflowStepJournaledEvent(WorkflowId workflowId, String workflowName, StepInfo step) {
		super(workflowId);
		this.workflowId = workflowId;
		this.workflowName = workflowName;
		this.step = step;
	}

	/**
	 * The run the step belongs to.
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
	 * The step as journaled.
	 * @return the step
	 */
	public StepInfo step() {
		return this.step;
	}

	@Override
	public String toString() {
		return "Step '" + this.step.name() + "' #" + this.step.sequence() + " of workflow '" + this.workflowName
				+ "' (run '" + this.workflowId + "') " + this.step.state();
	}

}
