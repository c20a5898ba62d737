package io.durable.workflow;

/** The state of one step of a workflow run. */
public enum StepState {

	/**
	 * Running: an attempt has begun and not ended. In the journal, from the moment the
	 * attempt has run {@code workflow.journal.attempt-start-delay}; if its node died,
	 * until the run is taken over and the step runs again.
	 */
	RUNNING,

	/** Finished; its result is journaled. */
	COMPLETED,

	/**
	 * Waiting for its time: a step scheduled with {@code runAfter}/{@code runAt}, a
	 * failed attempt waiting for its retry, or a {@code Workflows.sleep}.
	 */
	WAITING,

	/**
	 * Threw; its error is journaled and was raised in the workflow as a
	 * {@link StepFailedException}.
	 */
	FAILED

}
