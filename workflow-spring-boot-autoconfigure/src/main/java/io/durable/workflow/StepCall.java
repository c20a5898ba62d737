package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A step defined at the call site, from {@link Workflows#step(String)}: a lambda made
 * into a journaled step, or a step call with options. Anything the lambda calls runs
 * inside the step (a {@link Step} method called there is a plain call).
 *
 * <pre>{@code
 * String text = Workflows.step("generate").retry(true).call(() -> llm.generate(prompt));
 * Workflows.step("followUp").runAfter(Duration.ofDays(1)).run(() -> emails.followUp(userId));
 * Summary summary = Workflows.step("summarize").runAfter(Duration.ofHours(1)).child(() -> summaries.summarize(id));
 * }</pre>
 */
public interface StepCall {

	/**
	 * Runs the step this long after the call (durably: the workflow is suspended
	 * meanwhile).
	 * @param delay the delay
	 * @return this call
	 */
	StepCall runAfter(Duration delay);

	/**
	 * Runs the step at this time (durably: the workflow is suspended meanwhile).
	 * @param time when to run
	 * @return this call
	 */
	StepCall runAt(Instant time);

	/**
	 * Retries with the workflow's default policy, or never.
	 * @param retry whether to retry
	 * @return this call
	 */
	StepCall retry(boolean retry);

	/**
	 * Retries with this policy.
	 * @param policy the retry policy
	 * @return this call
	 */
	StepCall retry(RetryPolicy policy);

	/**
	 * Runs the step and returns its result, journaled as JSON. The result must read back
	 * as itself from plain JSON (a string, number, boolean, or lists and maps of those):
	 * other types need {@link #call(Class, Supplier)}, and the first run says so.
	 * @param <T> the result type
	 * @param body the step's work
	 * @return the result
	 * @throws StepFailedException if the step failed (after its retries)
	 */
	<T> T call(Supplier<T> body);

	/**
	 * Runs the step and returns its result, journaled as JSON of the given type.
	 * @param <T> the result type
	 * @param resultType the result's type
	 * @param body the step's work
	 * @return the result
	 * @throws StepFailedException if the step failed (after its retries)
	 */
	<T> T call(Class<T> resultType, Supplier<T> body);

	/**
	 * Runs a step without a result.
	 * @param body the step's work
	 * @throws StepFailedException if the step failed (after its retries)
	 */
	void run(Runnable body);

	/**
	 * Runs a child workflow under this step's name, starting it at the step's
	 * {@code runAfter} or {@code runAt} time (durably: the parent is suspended
	 * meanwhile). The lambda must call exactly one {@code @Workflow} method, which is not
	 * run by the call itself; the parent waits for the child as for a child called
	 * directly. A child is not retried as a step: its own steps retry.
	 * @param <T> the child's return type
	 * @param call calls one {@code @Workflow} method
	 * @return the child's return value
	 * @throws WorkflowFailedException if the child failed
	 * @throws WorkflowCanceledException if the child was canceled
	 */
	<T> T child(Supplier<T> call);

}
