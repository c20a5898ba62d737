package io.durable.workflow;

import org.jspecify.annotations.Nullable;

/** What a {@link WorkflowCompletionHandler} learns of a finished workflow. */
public interface WorkflowCompletion {

	/**
	 * The finished workflow's id.
	 * @return the workflow id
	 */
	WorkflowId workflowId();

	/**
	 * How it finished: {@code COMPLETED}, {@code FAILED} or {@code CANCELED}.
	 * @return the state
	 */
	WorkflowState state();

	/**
	 * The return value of a completed workflow, read as {@code type}.
	 * @param <T> the value type
	 * @param type the type to read it as
	 * @return the value, or {@code null} for a workflow that did not complete or returned
	 * none
	 */
	<T> @Nullable T value(Class<T> type);

	/**
	 * The error of a failed workflow, or why the engine canceled a canceled one (its
	 * deadline passed).
	 * @return the error, or {@code null}
	 */
	@Nullable String error();

	/**
	 * The context given at the start ({@link StartOptions#context(Object)}), read as
	 * {@code type}.
	 * @param <C> the context type
	 * @param type the type to read it as
	 * @return the context, or {@code null} if none was given
	 */
	<C> @Nullable C context(Class<C> type);

}
