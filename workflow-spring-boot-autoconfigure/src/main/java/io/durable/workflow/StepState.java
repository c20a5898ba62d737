package io.durable.workflow;

/** The state of one step of a workflow run. */
public enum StepState {

	/** Running now. */
	RUNNING,

	/** Finished; its result is journaled. */
	COMPLETED,

	/** Threw; its error is journaled and was raised in the workflow as a {@link StepFailedException}. */
	FAILED

}
