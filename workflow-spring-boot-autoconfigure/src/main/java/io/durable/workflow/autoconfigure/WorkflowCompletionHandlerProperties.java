package io.durable.workflow.autoconfigure;

import jakarta.validation.constraints.Min;

/**
 * Completion handlers: what is called when a run finishes, in the transaction recording
 * it.
 */
public class WorkflowCompletionHandlerProperties {

	/**
	 * Calls in all of a run's completion handler that throws (with a backoff from 250 ms,
	 * doubling, up to a minute). After the last, the run's outcome is recorded without
	 * the handler, and its failure stays on the run.
	 */
	@Min(1)
	private int maxAttempts = 10;

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

}
