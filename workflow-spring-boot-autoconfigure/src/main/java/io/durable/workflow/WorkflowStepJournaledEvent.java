package io.durable.workflow;

/**
 * A step of a workflow run was journaled on this node: it completed or failed, or it
 * waits (for its next attempt, its scheduled time, the end of a sleep, an event or a
 * child workflow). Published once its journal entry has committed, on the thread that
 * wrote it, which is a workflow thread: keep listeners fast, or hand their work to
 * another thread ({@code @Async}).
 *
 * @param workflowId the run
 * @param workflowName its workflow's name
 * @param step the step as journaled
 */
public record WorkflowStepJournaledEvent(WorkflowId workflowId, String workflowName,
		StepInfo step) implements WorkflowChangeEvent {

	@Override
	public String toString() {
		return "Step '" + this.step.name() + "' #" + this.step.sequence() + " of workflow '" + this.workflowName
				+ "' (run '" + this.workflowId + "') " + this.step.state();
	}

}
