package io.durable.workflow;

/**
 * A workflow run changed state on this node: it started
 * ({@link WorkflowState#IN_PROGRESS}), completed, failed, or was canceled (also as a
 * child of a canceled or finished parent). Published once the change has committed, on
 * the thread that made it: listen with {@code @EventListener}, and hand slow work to
 * another thread ({@code @Async}). Changes made on other nodes sharing the database are
 * published there.
 *
 * @param workflowId the run
 * @param workflowName its workflow's name
 * @param state its new state
 */
public record WorkflowStateChangedEvent(WorkflowId workflowId, String workflowName,
		WorkflowState state) implements WorkflowChangeEvent {

	@Override
	public String toString() {
		return "Workflow '" + this.workflowName + "' (run '" + this.workflowId + "') " + this.state;
	}

}
