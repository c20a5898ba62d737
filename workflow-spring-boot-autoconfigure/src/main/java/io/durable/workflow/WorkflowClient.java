package io.durable.workflow;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Starts workflows and reads their state. A bean provided by the auto-configuration; safe to use
 * from any thread.
 *
 * <p>{@code start} joins the caller's transaction if there is one: the run exists only if that
 * transaction commits, and it is handed to this node's workflow pool right after the commit.
 * Without a transaction the run is stored and dispatched at once.
 */
public interface WorkflowClient {

	/**
	 * Starts a workflow by calling its {@link Workflow} method on a stand-in:
	 * {@code client.start(OnboardingWorkflow.class, w -> w.onboard(userId))}. The lambda must call
	 * exactly one {@code @Workflow} method; it is recorded, not run.
	 * @param <W> the workflow bean type
	 * @param workflowType the class of the bean holding the workflow method
	 * @param call calls the workflow method with its arguments
	 * @return the new run's id
	 * @throws PayloadSerializationException if an argument cannot be written as JSON
	 * @throws PayloadTooLargeException if the arguments exceed the payload limit
	 */
	<W> WorkflowId start(Class<W> workflowType, Consumer<W> call);

	/**
	 * Starts a workflow as {@link #start(Class, Consumer)} does, with options.
	 * @param <W> the workflow bean type
	 * @param workflowType the class of the bean holding the workflow method
	 * @param call calls the workflow method with its arguments
	 * @param options the start options, such as a caller-chosen id
	 * @return the run's id: the existing run's if {@code options} name an id already started
	 * @throws WorkflowIdConflictException if that id belongs to a run of another workflow
	 */
	<W> WorkflowId start(Class<W> workflowType, Consumer<W> call, StartOptions options);

	/**
	 * Starts a workflow by name with the given arguments, which must match the workflow
	 * method's parameters.
	 * @param workflowName the {@link Workflow#name()}
	 * @param args the arguments
	 * @return the new run's id
	 * @throws UnknownWorkflowException if no workflow has that name
	 * @throws IllegalArgumentException if the arguments do not match the parameters
	 */
	WorkflowId start(String workflowName, Object... args);

	/**
	 * Starts a workflow by name with options; see {@link #start(String, Object...)}.
	 * @param workflowName the {@link Workflow#name()}
	 * @param options the start options
	 * @param args the arguments
	 * @return the run's id
	 */
	WorkflowId start(String workflowName, StartOptions options, Object... args);

	/**
	 * Reads a run's current state.
	 * @param id the workflow id
	 * @return the status
	 * @throws WorkflowNotFoundException if no such run exists
	 */
	WorkflowStatus status(WorkflowId id);

	/**
	 * Waits for a run to finish and returns its value, read as {@code type}. Returns at once
	 * for a finished run. Runs finishing on this node are noticed immediately; runs finishing
	 * on another node within {@code workflow.poll-interval}.
	 * @param <R> the result type
	 * @param id the workflow id
	 * @param type the type to read the return value as ({@code Void.class} for none)
	 * @param timeout how long to wait at most
	 * @return the workflow's return value
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws WorkflowFailedException if the run failed
	 * @throws WorkflowCanceledException if the run was canceled
	 * @throws WorkflowTimeoutException if the run did not finish in time
	 */
	<R> R result(WorkflowId id, Class<R> type, Duration timeout);

	/**
	 * Lists a run's journaled steps in execution order.
	 * @param id the workflow id
	 * @param query the page to fetch
	 * @return the page of steps
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws IllegalArgumentException if the cursor is malformed
	 */
	WorkflowPage<StepInfo> listSteps(WorkflowId id, ListQuery query);

}
