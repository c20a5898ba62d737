package io.durable.workflow;

/**
 * Something changed in a workflow run on this node: a {@link WorkflowStateChangedEvent}
 * or a {@link WorkflowStepJournaledEvent}, published as an application event once the
 * change has committed, on the thread that made it. Listen for this type with
 * {@code @EventListener} to hear of every change of a run. Changes made on other nodes
 * sharing the database are published there.
 */
public sealed interface WorkflowChangeEvent permits WorkflowStateChangedEvent, WorkflowStepJournaledEvent {

	/**
	 * The run that changed.
	 * @return its id
	 */
	WorkflowId workflowId();

	/**
	 * The name of the run's workflow.
	 * @return the {@link Workflow#name()}
	 */
	String workflowName();

}
