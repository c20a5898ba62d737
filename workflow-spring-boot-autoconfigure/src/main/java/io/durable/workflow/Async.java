package io.durable.workflow;

/**
 * A step or child workflow started with {@link Workflows#async}, running in parallel with
 * the workflow's code.
 *
 * @param <T> the step's result type
 */
public interface Async<T> {

	/**
	 * Waits for the step (suspending the workflow if it is still running: no thread is
	 * held) and returns its result.
	 * @return the step's result
	 * @throws StepFailedException if the step failed
	 * @throws WorkflowFailedException if a child workflow failed
	 * @throws WorkflowCanceledException if a child workflow was canceled
	 */
	T get();

	/**
	 * Whether the step has finished, successfully or not.
	 * @return {@code true} once the step's outcome is known
	 */
	boolean isDone();

}
