package io.durable.workflow.engine;

import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import io.durable.workflow.Async;
import io.durable.workflow.NonDeterministicWorkflowException;
import io.durable.workflow.StepCall;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.StepRecord;
import io.micrometer.observation.Observation;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * One workflow turn: the journal positions already recorded (none for a fresh start), the
 * position the next step takes, and the steps started in parallel. Steps are numbered in the
 * order the workflow's code calls them, so a replay meets them at the same positions whatever
 * order parallel steps finished in.
 *
 * <p>Internal API, public only for {@link io.durable.workflow.Workflows}.
 */
public final class WorkflowExecution {

	static final String SLEEP = "Workflows.sleep";

	/** The MDC key of the workflow id, in log lines written by workflow and step code. */
	static final String MDC_WORKFLOW_ID = "workflowId";

	/** The MDC key of the workflow name. */
	static final String MDC_WORKFLOW = "workflow";

	/** The MDC key of the running step's name. */
	static final String MDC_STEP = "workflowStep";

	private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

	private final WorkflowExecutor executor;

	private final RunTask task;

	private final WorkflowDefinition definition;

	/** The observation of this turn, parent of its steps' observations on any thread. */
	private final Observation observation;

	private final @Nullable JournalEntry[] recorded;

	/** Entries journaled during this turn, by this thread and by parallel steps. */
	private final Queue<JournalEntry> journaled = new ConcurrentLinkedQueue<>();

	private final Map<Integer, StepInfo> running = new ConcurrentHashMap<>();

	private final List<AsyncStep<?>> parallel = new ArrayList<>();

	private final Frame workflowFrame = new Frame(this);

	private int nextSequence;

	private boolean rootEntered;

	/** Whether this run has waited for a child workflow during this turn. */
	private boolean waitsForChildren;

	private volatile @Nullable NonDeterministicWorkflowException violation;

	/** A step this turn completed and has not journaled yet; see {@link StepRunner}. */
	private @Nullable StepRecord deferred;

	private @Nullable Random random;

	WorkflowExecution(WorkflowExecutor executor, RunTask task, WorkflowDefinition definition,
			List<JournalEntry> journal, Observation observation) {
		this.executor = executor;
		this.task = task;
		this.definition = definition;
		this.observation = observation;
		int size = journal.isEmpty() ? 0 : journal.get(journal.size() - 1).sequence() + 1;
		this.recorded = new JournalEntry[size];
		for (JournalEntry entry : journal) {
			this.recorded[entry.sequence()] = entry;
		}
	}

	/**
	 * The execution running on this thread, in the workflow's own code or in one of its steps.
	 * @param operation what the caller tried, for the error message
	 * @return the current execution
	 * @throws IllegalStateException when no workflow runs on this thread
	 */
	public static WorkflowExecution current(String operation) {
		Frame frame = CURRENT.get();
		if (frame == null) {
			throw new IllegalStateException(operation + " can only be called while a workflow runs, on its thread");
		}
		return frame.execution;
	}

	/**
	 * The execution whose own code runs on this thread (not one of its steps).
	 * @param operation what the caller tried, for the error message
	 * @return the current execution
	 * @throws IllegalStateException when no workflow's own code runs on this thread
	 */
	public static WorkflowExecution require(String operation) {
		Frame frame = CURRENT.get();
		if (frame == null || frame.inStep) {
			throw new IllegalStateException(operation + " can only be called from a @Workflow method's own code"
					+ " while it runs" + ((frame != null) ? ", not from inside a step" : ""));
		}
		return frame.execution;
	}

	/**
	 * The id of the run this execution belongs to.
	 * @return the workflow id
	 */
	public WorkflowId workflowId() {
		return WorkflowId.of(this.task.id);
	}

	/**
	 * The engine's time now.
	 * @return the current instant of the workflow clock
	 */
	public Instant now() {
		return this.executor.clock().now();
	}

	RunTask task() {
		return this.task;
	}

	WorkflowExecutor executor() {
		return this.executor;
	}

	WorkflowDefinition definition() {
		return this.definition;
	}

	Observation observation() {
		return this.observation;
	}

	/** Routes an intercepted {@code @Workflow} or {@code @Step} call made on this thread. */
	static @Nullable Object intercept(MethodInvocation invocation) throws Throwable {
		StartCapture start = StartCapture.current();
		if (start != null) {
			return start.record(invocation);
		}
		StepCapture capture = StepCapture.current();
		if (capture != null) {
			return capture.record(invocation);
		}
		Frame frame = CURRENT.get();
		if (frame == null) {
			return invocation.proceed();
		}
		if (frame.inStep) {
			frame.execution.refuseChildInStep(invocation);
			return invocation.proceed();
		}
		return frame.execution.interceptWorkflowCall(invocation);
	}

	/** A step's code runs to its end in one go: it cannot wait for a child workflow. */
	private void refuseChildInStep(MethodInvocation invocation) {
		if (this.executor.stepDefinition(invocation) == null) {
			throw new IllegalStateException("A step of workflow '" + this.definition.name() + "' called @Workflow method "
					+ invocation.getMethod().getName() + "; call it from the workflow's own code to run it as a child"
					+ " workflow, or start it with WorkflowClient.start");
		}
	}

	private @Nullable Object interceptWorkflowCall(MethodInvocation invocation) throws Throwable {
		if (!this.rootEntered) {
			this.rootEntered = true;
			return invocation.proceed();
		}
		StepDefinition step = this.executor.stepDefinition(invocation);
		if (step == null) {
			WorkflowDefinition child = this.executor.workflowDefinition(invocation);
			return runChild(new ChildCall(ChildCall.entryName(child), child, invocation.getArguments().clone(), null));
		}
		return runStep(step, RetryOverride.NONE, null, invocation::proceed);
	}

	/** Runs a child workflow at the next position, suspending until it has finished. */
	@Nullable Object runChild(ChildCall call) {
		int sequence = nextSequence();
		this.executor.steps().flush(this);
		return valueOf(child(sequence, call));
	}

	private StepOutcome child(int sequence, ChildCall call) {
		StepOutcome outcome = this.executor.children().advance(this, sequence, call);
		if (outcome instanceof StepOutcome.Pending) {
			this.waitsForChildren = true;
		}
		return outcome;
	}

	/** Runs a step at the next position on the workflow's thread, suspending if it must wait. */
	@Nullable Object runStep(StepDefinition step, RetryOverride callRetry, @Nullable Instant runAt, StepBody body) {
		int sequence = nextSequence();
		StepOutcome outcome;
		this.workflowFrame.inStep = true;
		try {
			this.executor.steps().flush(this);
			outcome = this.executor.steps()
				.advance(this, step, sequence, recorded(sequence), callRetry, runAt, body, true);
		}
		finally {
			this.workflowFrame.inStep = false;
		}
		return valueOf(outcome);
	}

	static @Nullable Object valueOf(StepOutcome outcome) {
		if (outcome instanceof StepOutcome.Failed failed) {
			throw failed.failure();
		}
		if (outcome instanceof StepOutcome.Waiting waiting) {
			throw new Suspension(waiting.until());
		}
		if (outcome instanceof StepOutcome.Pending pending) {
			throw Suspension.external(null, pending.seenSignals());
		}
		return ((StepOutcome.Done) outcome).value();
	}

	/**
	 * Waits durably until the given time.
	 * @param wakeAt when to continue
	 */
	public void sleepUntil(Instant wakeAt) {
		StepDefinition sleep = this.executor.sleepDefinition();
		int sequence = nextSequence();
		JournalEntry entry = recorded(sequence);
		StepRunner steps = this.executor.steps();
		steps.flush(this);
		if (entry != null) {
			checkName(entry, SLEEP);
			if (entry.state() == StepState.COMPLETED) {
				return;
			}
			if (entry.wakeAt() != null && now().isBefore(entry.wakeAt())) {
				throw new Suspension(entry.wakeAt());
			}
			steps.record(this, sleep, sequence, entry.attempts(), StepState.COMPLETED, 0, null, null, entry.wakeAt());
			return;
		}
		Duration wait = Duration.between(now(), wakeAt);
		if (wait.compareTo(steps.inlineWait()) > 0) {
			steps.record(this, sleep, sequence, -1, StepState.WAITING, 0, null, null, wakeAt);
			throw new Suspension(wakeAt);
		}
		steps.pause(wait);
		steps.record(this, sleep, sequence, -1, StepState.COMPLETED, 0, null, null, wakeAt);
	}

	/**
	 * The current time, journaled as a step, so that a replay returns the same instant.
	 * @return the time when this call first ran
	 */
	public Instant journaledNow() {
		return (Instant) runStep(this.executor.nowDefinition(), RetryOverride.NONE, null, this::now);
	}

	/**
	 * This turn's random generator, seeded from the workflow id, so that a replay draws the same
	 * numbers in the same order.
	 * @return the generator
	 */
	public Random random() {
		if (this.random == null) {
			UUID seed = UUID.nameUUIDFromBytes(this.task.id.getBytes(StandardCharsets.UTF_8));
			this.random = new Random(seed.getMostSignificantBits() ^ seed.getLeastSignificantBits());
		}
		return this.random;
	}

	/**
	 * Waits for an event.
	 * @param eventName the event's name
	 * @param eventId the id of an event created with {@code createEvent}, or {@code null}
	 * @param type the value's type ({@code Void.class} for none)
	 * @param timeout how long to wait at most, or {@code null} for ever
	 * @return the event's value
	 */
	public @Nullable Object awaitEvent(String eventName, @Nullable String eventId, Class<?> type,
			@Nullable Duration timeout) {
		return this.executor.events().await(this, eventName, eventId, this.executor.payloadType(type), timeout);
	}

	/**
	 * Starts a step in parallel.
	 * @param <T> the step's result type
	 * @param call makes one step call
	 * @return the running step
	 */
	public <T> Async<T> async(Supplier<T> call) {
		int sequence = nextSequence();
		this.executor.steps().flush(this);
		CapturedCall captured = StepCapture.capture(this, "Workflows.async", call);
		if (captured instanceof ChildCall child) {
			AsyncStep<T> started = AsyncStep.decided(this, child(sequence, child));
			this.parallel.add(started);
			return started;
		}
		AsyncStep<T> step = new AsyncStep<>(this, sequence, (CapturedStep) captured, recorded(sequence));
		this.parallel.add(step);
		if (!step.decideFromJournal(this.executor.steps())) {
			this.executor.submitParallel(step);
		}
		return step;
	}

	/** Runs a parallel step on the current thread (a pool thread, or the workflow's when it helps). */
	void runParallel(AsyncStep<?> step, boolean onWorkflowThread) {
		Frame frame = onWorkflowThread ? this.workflowFrame : new Frame(this);
		Frame previous = CURRENT.get();
		CURRENT.set(frame);
		frame.inStep = true;
		if (!onWorkflowThread) {
			MDC.put(MDC_WORKFLOW_ID, this.task.id);
			MDC.put(MDC_WORKFLOW, this.definition.name());
		}
		try {
			step.run(this.executor.steps());
		}
		finally {
			frame.inStep = false;
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
				MDC.remove(MDC_WORKFLOW_ID);
				MDC.remove(MDC_WORKFLOW);
			}
		}
	}

	/**
	 * Waits for parallel steps.
	 * @param calls steps started by {@link #async}
	 */
	public void awaitAll(Async<?>... calls) {
		List<AsyncStep<?>> steps = new ArrayList<>(calls.length);
		for (Async<?> call : calls) {
			if (!(call instanceof AsyncStep<?> step) || step.execution() != this) {
				throw new IllegalArgumentException("Workflows.awaitAll takes steps started with Workflows.async"
						+ " by this workflow run");
			}
			steps.add(step);
		}
		await(steps, true);
	}

	/** Waits for the parallel steps still running when the workflow's code returned. */
	void awaitOutstanding() {
		await(this.parallel, false);
	}

	private void await(Collection<AsyncStep<?>> steps, boolean raiseFailures) {
		for (AsyncStep<?> step : steps) {
			if (step.tryStart()) {
				runParallel(step, true);
			}
		}
		List<CompletableFuture<StepOutcome>> pending = new ArrayList<>();
		for (AsyncStep<?> step : steps) {
			if (!step.outcome().isDone()) {
				pending.add(step.outcome());
			}
		}
		if (!pending.isEmpty()) {
			throw new Suspension(null);
		}
		Instant wakeAt = null;
		Long seenSignals = null;
		for (AsyncStep<?> step : steps) {
			StepOutcome outcome = step.result();
			if (outcome instanceof StepOutcome.Waiting waiting
					&& (wakeAt == null || waiting.until().isBefore(wakeAt))) {
				wakeAt = waiting.until();
			}
			if (outcome instanceof StepOutcome.Pending child
					&& (seenSignals == null || child.seenSignals() < seenSignals)) {
				seenSignals = child.seenSignals();
			}
		}
		if (this.violation != null) {
			throw this.violation;
		}
		if (seenSignals != null) {
			// Released until a child signals, or a step's wait ends.
			throw Suspension.external(wakeAt, seenSignals);
		}
		if (wakeAt != null) {
			throw new Suspension(wakeAt);
		}
		if (raiseFailures) {
			for (AsyncStep<?> step : steps) {
				if (step.result() instanceof StepOutcome.Failed failed) {
					throw failed.failure();
				}
			}
		}
	}

	/** The parallel steps of this turn still running on other threads, as one future. */
	@Nullable CompletableFuture<Void> parallelInFlight() {
		List<CompletableFuture<StepOutcome>> pending = new ArrayList<>();
		for (AsyncStep<?> step : this.parallel) {
			if (!step.outcome().isDone()) {
				pending.add(step.outcome());
			}
		}
		return pending.isEmpty() ? null : CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
	}

	/**
	 * Defines a step at the call site.
	 * @param name the step's name
	 * @return the step call
	 */
	public StepCall step(String name) {
		return new StepCallImpl(this, name);
	}

	/** Takes the next journal position, refusing once the run is known to diverge. */
	int nextSequence() {
		NonDeterministicWorkflowException known = this.violation;
		if (known != null) {
			throw known;
		}
		return this.nextSequence++;
	}

	@Nullable JournalEntry recorded(int sequence) {
		return (sequence < this.recorded.length) ? this.recorded[sequence] : null;
	}

	void checkName(JournalEntry entry, String name) {
		if (!entry.name().equals(name)) {
			throw diverged("replaying step #" + entry.sequence() + " it called '" + name
					+ "', but the journal recorded '" + entry.name() + "' at that position");
		}
	}

	NonDeterministicWorkflowException diverged(String problem) {
		NonDeterministicWorkflowException violation = new NonDeterministicWorkflowException("Workflow '"
				+ this.definition.name() + "' (run '" + this.task.id + "') is not deterministic: " + problem
				+ ". Its code changed while this run was in progress, or it depends on something other than its"
				+ " arguments and step results.");
		this.violation = violation;
		return violation;
	}

	/** Fails the run if its code returned before reaching every journaled step. */
	void checkFullyReplayed() {
		if (this.violation == null && this.nextSequence < this.recorded.length) {
			diverged("it returned after " + this.nextSequence + " steps, but its journal holds "
					+ this.recorded.length);
		}
	}

	/**
	 * Whether the run has a child workflow it has not received the outcome of: children still
	 * running when a run finishes are canceled.
	 */
	boolean waitsForChildren() {
		return this.waitsForChildren;
	}

	@Nullable NonDeterministicWorkflowException violation() {
		return this.violation;
	}

	/** Everything journaled for this run so far: what the turn started with and what it wrote. */
	List<JournalEntry> journal() {
		JournalEntry[] merged = new JournalEntry[Math.max(this.recorded.length, this.nextSequence)];
		System.arraycopy(this.recorded, 0, merged, 0, this.recorded.length);
		for (JournalEntry entry : this.journaled) {
			if (entry.sequence() >= merged.length) {
				merged = Arrays.copyOf(merged, entry.sequence() + 1);
			}
			merged[entry.sequence()] = entry;
		}
		List<JournalEntry> entries = new ArrayList<>(merged.length);
		for (JournalEntry entry : merged) {
			if (entry != null) {
				entries.add(entry);
			}
		}
		return entries;
	}

	void journaled(JournalEntry entry) {
		this.journaled.add(entry);
	}

	void defer(StepRecord row) {
		this.deferred = row;
	}

	@Nullable StepRecord takeDeferred() {
		StepRecord row = this.deferred;
		this.deferred = null;
		return row;
	}

	void stepStarted(int sequence, String name, int attempt, Instant startedAt) {
		this.running.put(sequence, new StepInfo(sequence, name, StepState.RUNNING, attempt, startedAt, null, null, null, null));
		MDC.put(MDC_STEP, name);
	}

	void stepEnded(int sequence) {
		this.running.remove(sequence);
		MDC.remove(MDC_STEP);
	}

	/** The steps running right now. */
	List<StepInfo> runningSteps() {
		return List.copyOf(this.running.values());
	}

	void enter() {
		CURRENT.set(this.workflowFrame);
		MDC.put(MDC_WORKFLOW_ID, this.task.id);
		MDC.put(MDC_WORKFLOW, this.definition.name());
	}

	void exit() {
		CURRENT.remove();
		MDC.remove(MDC_WORKFLOW_ID);
		MDC.remove(MDC_WORKFLOW);
	}

	/** What runs on a thread: a workflow's own code, or (while {@code inStep}) one of its steps. */
	private static final class Frame {

		final WorkflowExecution execution;

		volatile boolean inStep;

		Frame(WorkflowExecution execution) {
			this.execution = execution;
		}

	}

}
