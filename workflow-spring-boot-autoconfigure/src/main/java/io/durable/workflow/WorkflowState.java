package io.durable.workflow;

/** The state of a workflow run. */
public enum WorkflowState {

	/** Started and not finished: running, queued, or waiting. */
	IN_PROGRESS,

	/** Returned normally; its return value is stored. */
	COMPLETED,

	/** Threw an exception, or could not be resumed; its error is stored. */
	FAILED,

	/** Canceled before it finished. */
	CANCELED;

	/**
	 * Whether a run in this state will not change any more.
	 * @return {@code true} unless {@link #IN_PROGRESS}
	 */
	public boolean isFinished() {
		return this != IN_PROGRESS;
	}

}
