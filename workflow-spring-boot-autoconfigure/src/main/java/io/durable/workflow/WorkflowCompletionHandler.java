package io.durable.workflow;

/**
 * A bean called once when a workflow started with {@link StartOptions#onComplete}
 * finishes, inside the transaction that records the outcome: what it writes to the
 * database commits with the outcome, or neither does. If it throws, the transaction rolls
 * back, the error is shown on the run ({@link WorkflowSummary#error()} while in
 * progress), and the completion is tried again with backoff; the workflow is reported
 * finished only once a call has committed.
 */
@FunctionalInterface
public interface WorkflowCompletionHandler {

	/**
	 * Handles a finished workflow.
	 * @param completion its id, outcome and the context given at its start
	 */
	void onComplete(WorkflowCompletion completion);

}
