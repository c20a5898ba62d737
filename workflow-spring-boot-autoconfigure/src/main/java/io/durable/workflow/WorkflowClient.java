package io.durable.workflow;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Starts workflows and reads their state. A bean provided by the auto-configuration; safe
 * to use from any thread.
 *
 * <p>
 * {@code start} joins the caller's transaction if there is one: the run exists only if
 * that transaction commits, and it is handed to this node's workflow pool right after the
 * commit. Without a transaction the run is stored and dispatched at once.
 */
public interface WorkflowClient {

	/**
	 * Starts a workflow by calling its {@link Workflow} method on a stand-in:
	 * {@code client.start(OnboardingWorkflow.class, w -> w.onboard(userId))}. The lambda
	 * must call exactly one {@code @Workflow} method; it is recorded, not run.
	 * @param <W> the workflow bean type
	 * @param workflowType the class of the bean holding the workflow method
	 * @param call calls the workflow method with its arguments
	 * @return the new run's id
	 * @throws InvalidPayloadException if an argument cannot be written as JSON
	 * @throws InvalidPayloadException if the arguments exceed the payload limit
	 */
	<W> WorkflowId start(Class<W> workflowType, Consumer<W> call);

	/**
	 * Starts a workflow as {@link #start(Class, Consumer)} does, with options.
	 * @param <W> the workflow bean type
	 * @param workflowType the class of the bean holding the workflow method
	 * @param call calls the workflow method with its arguments
	 * @param options the start options, such as a caller-chosen id
	 * @return the run's id: the existing run's if {@code options} name an id already
	 * started
	 * @throws WorkflowStateException if that id belongs to a run of another workflow
	 */
	<W> WorkflowId start(Class<W> workflowType, Consumer<W> call, StartOptions options);

	/**
	 * Starts a workflow by name with the given arguments, which must match the workflow
	 * method's parameters.
	 * @param workflowName the {@link Workflow#name()}
	 * @param args the arguments
	 * @return the new run's id
	 * @throws WorkflowNotFoundException if no workflow has that name
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
	 * Reads a run's summary: its name, state, parent (for a child workflow), timings, and
	 * return value or error as stored.
	 * @param id the workflow id
	 * @return the summary
	 * @throws WorkflowNotFoundException if no such run exists
	 */
	WorkflowSummary describe(WorkflowId id);

	/**
	 * Waits for a run to finish and returns its value, read as {@code type}. Returns at
	 * once for a finished run. Runs finishing on this node are noticed immediately; runs
	 * finishing on another node within {@code workflow.poll-interval}. For a minute after
	 * a run finished on this node, its outcome is answered from memory, without a query:
	 * if another node deletes the run in that minute (cleanup, retention), this node may
	 * still answer it.
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
	 * Cancels a run: it stops at its next step boundary (a step already running finishes,
	 * but its result does not move the workflow on), its timers and waits are dropped,
	 * and its status becomes {@code CANCELED}. Takes effect on whichever node runs it;
	 * canceling a finished run changes nothing. Its child workflows in progress are
	 * canceled with it; a canceled child's parent gets a
	 * {@link WorkflowCanceledException} from the child's call.
	 * @param id the workflow id
	 * @throws WorkflowNotFoundException if no such run exists
	 */
	void cancel(WorkflowId id);

	/**
	 * Fails a run in progress with the given reason as its error: for a run that cannot
	 * go on, such as one parked because its code changed under it
	 * ({@link WorkflowStatus.InProgress#stalled()}). It stops as a cancel does, its
	 * status becomes {@code FAILED}, its completion handler is called with that outcome,
	 * {@link #result} throws {@link WorkflowFailedException}, and its child workflows in
	 * progress are canceled; a failed child's parent gets a
	 * {@link WorkflowFailedException} from the child's call. Like a cancel, it joins the
	 * caller's transaction if there is one.
	 * @param id the workflow id
	 * @param reason why, recorded as the run's error
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws WorkflowStateException if the run has finished
	 * @throws IllegalArgumentException if the reason is blank
	 */
	void fail(WorkflowId id, String reason);

	/**
	 * Goes on with a failed or canceled run where it stopped: its completed steps keep
	 * their results and never run again, as do the failures it caught and went on from;
	 * the steps where it stopped (the one that failed, one interrupted by a cancel, a
	 * sleep or an event wait) run afresh, their retries from the first attempt; the
	 * failed or canceled child workflows it waited for there are resumed with it. Same
	 * id; the state is {@code IN_PROGRESS} again, without a deadline, and its completion
	 * handler is called again when it ends. Joins the caller's transaction if there is
	 * one; the run is taken up on this node once it commits. Its replay must follow its
	 * journal as any replay does: resume after fixing the code that failed it.
	 * @param id the workflow id
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws WorkflowStateException if the run is in progress or completed
	 */
	void resume(WorkflowId id);

	/**
	 * Starts a new run of a run's workflow, with its arguments, completion handler and
	 * context, whose journal begins with a copy of the run's steps before position
	 * {@code fromStep}: those return their recorded results, and the new run goes on from
	 * there. The original stays as it is; the fork's {@link WorkflowSummary#forkedFrom()}
	 * names it. Joins the caller's transaction if there is one.
	 * @param id the run to fork
	 * @param fromStep the first position the fork runs afresh, from 0 (a start from
	 * scratch) to the number of journaled steps; every step before it must have finished
	 * @return the new run's id
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws IllegalArgumentException if {@code fromStep} is out of that range, or a
	 * step before it has not finished
	 */
	WorkflowId fork(WorkflowId id, int fromStep);

	/**
	 * A run's journal as a JSON document: its id, workflow, state and arguments, and
	 * every journaled step with its state, attempts, result and error. Keep those of
	 * long-lived workflows as test resources and replay them against changed code with
	 * {@link io.durable.workflow.test.WorkflowReplayer}, which fails where the code no
	 * longer replays them.
	 * @param id the workflow id
	 * @return the journal as JSON
	 * @throws WorkflowNotFoundException if no such run exists
	 */
	String exportJournal(WorkflowId id);

	/**
	 * Deletes everything stored for a finished run: the run, its steps and its events,
	 * and the same for its child workflows.
	 * @param id the workflow id
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws WorkflowStateException if the run has not finished
	 */
	void cleanup(WorkflowId id);

	/**
	 * Lists workflow runs in creation order (newest first with
	 * {@link ListQuery#descending()}), filtered by the query's state, creation time and
	 * parent.
	 * @param query the page to fetch
	 * @return the page of runs
	 * @throws IllegalArgumentException if the cursor is malformed
	 */
	WorkflowPage<WorkflowSummary> list(ListQuery query);

	/**
	 * Lists the runs of one workflow, as {@link #list} does.
	 * @param name the {@link Workflow#name()}
	 * @param query the page to fetch
	 * @return the page of runs
	 * @throws IllegalArgumentException if the cursor is malformed
	 */
	WorkflowPage<WorkflowSummary> listByName(String name, ListQuery query);

	/**
	 * Lists a run's journaled steps in execution order.
	 * @param id the workflow id
	 * @param query the page to fetch
	 * @return the page of steps
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws IllegalArgumentException if the cursor is malformed
	 */
	WorkflowPage<StepInfo> listSteps(WorkflowId id, ListQuery query);

	/**
	 * Creates an event to be sent later by its id ({@link #sendEvent(EventId, Object)}),
	 * for a workflow that waits for exactly it
	 * ({@link Workflows#awaitEvent(EventId, Class)}).
	 * @param id the workflow it belongs to
	 * @param name a name for it, shown in the journal
	 * @return the new event's id
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws WorkflowStateException if the run has finished
	 */
	EventId createEvent(WorkflowId id, String name);

	/**
	 * Sends an event without a value to a workflow; its first {@code awaitEvent(name)}
	 * receives it. Joins the caller's transaction if there is one: the event is sent only
	 * if it commits.
	 * @param id the workflow
	 * @param name the event name
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws WorkflowStateException if the run has finished
	 */
	void sendEvent(WorkflowId id, String name);

	/**
	 * Sends an event with a value (stored as JSON) to a workflow.
	 * @param id the workflow
	 * @param name the event name
	 * @param value the value, checked against its Bean Validation constraints
	 * @throws InvalidPayloadException if the value violates its constraints (nothing is
	 * sent)
	 * @throws WorkflowNotFoundException if no such run exists
	 * @throws WorkflowStateException if the run has finished
	 */
	void sendEvent(WorkflowId id, String name, Object value);

	/**
	 * Sends an event of a shared definition to a workflow.
	 * @param <T> the value type
	 * @param id the workflow
	 * @param event the event's name and type
	 * @param value the value, checked against its Bean Validation constraints
	 * @throws InvalidPayloadException if the value violates its constraints (nothing is
	 * sent)
	 */
	<T> void sendEvent(WorkflowId id, EventDefinition<T> event, T value);

	/**
	 * Sends the event created with {@link #createEvent} under this id.
	 * @param id the event's id
	 * @param value the value, or {@code null}
	 * @throws WorkflowNotFoundException if no event has this id
	 * @throws WorkflowStateException if it was sent already
	 * @throws InvalidPayloadException if the value violates its constraints (nothing is
	 * sent)
	 */
	void sendEvent(EventId id, Object value);

	/**
	 * Sends an event as an error: the workflow's {@code awaitEvent} throws
	 * {@link EventFailedException} with this message.
	 * @param id the workflow
	 * @param name the event name
	 * @param error the error message
	 */
	void failEvent(WorkflowId id, String name, String error);

	/**
	 * Sends the event created under this id as an error.
	 * @param id the event's id
	 * @param error the error message
	 * @throws WorkflowNotFoundException if no event has this id
	 * @throws WorkflowStateException if it was sent already
	 */
	void failEvent(EventId id, String error);

}
