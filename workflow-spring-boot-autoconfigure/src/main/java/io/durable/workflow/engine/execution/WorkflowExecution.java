package io.durable.workflow.engine.execution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.StepCall;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.StepBody;
import io.durable.workflow.engine.definition.StepDefinition;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.dispatch.RunTask;
import io.durable.workflow.journal.JournalEntry;
import io.micrometer.observation.Observation;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * One workflow turn on its thread: which turn runs on a thread (the workflow's own code,
 * or one of its steps), the routing of the {@code @Workflow} and {@code @Step} calls it
 * makes, and what {@link WorkflowInternal} does for it: steps, sleeps, events, children,
 * time and randomness. Where it stands in the journal is its {@link ReplayCursor}; its
 * parallel steps are its {@link ParallelSteps}.
 */
final class WorkflowExecution {

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

	private final ReplayCursor cursor;

	private final Map<Integer, StepInfo> running = new ConcurrentHashMap<>();

	private final ParallelSteps parallel = new ParallelSteps(this);

	private final Frame workflowFrame = new Frame(this);

	private boolean rootEntered;

	/** Whether this run has waited for a child workflow during this turn. */
	private boolean waitsForChildren;

	private @Nullable Random random;

	WorkflowExecution(WorkflowExecutor executor, RunTask task, WorkflowDefinition definition,
			List<JournalEntry> journal, Observation observation, boolean replayOnly) {
		this.executor = executor;
		this.task = task;
		this.definition = definition;
		this.observation = observation;
		this.cursor = new ReplayCursor(definition.name(), task.id(), journal, replayOnly);
	}

	/**
	 * The execution running on this thread, in the workflow's own code or in one of its
	 * steps.
	 * @param operation what the caller tried, for the error message
	 * @return the current execution
	 * @throws IllegalStateException when no workflow runs on this thread
	 */
	static WorkflowExecution current(String operation) {
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
	static WorkflowExecution require(String operation) {
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
	WorkflowId workflowId() {
		return WorkflowId.of(this.task.id());
	}

	/**
	 * The engine's time now.
	 * @return the current instant of the workflow clock
	 */
	Instant now() {
		return this.executor.clock().now();
	}

	public RunTask task() {
		return this.task;
	}

	WorkflowExecutor executor() {
		return this.executor;
	}

	WorkflowDefinition definition() {
		return this.definition;
	}

	public Observation observation() {
		return this.observation;
	}

	/** Where this turn stands in the run's journal. */
	ReplayCursor cursor() {
		return this.cursor;
	}

	/**
	 * Routes an intercepted {@code @Workflow} or {@code @Step} call made on this thread.
	 */
	public static @Nullable Object intercept(MethodInvocation invocation) throws Throwable {
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
		if (this.executor.definitions().step(invocation) == null) {
			throw new IllegalStateException("A step of workflow '" + this.definition.name()
					+ "' called @Workflow method " + invocation.getMethod().getName()
					+ "; call it from the workflow's own code to run it as a child"
					+ " workflow, or start it with WorkflowClient.start");
		}
	}

	private @Nullable Object interceptWorkflowCall(MethodInvocation invocation) throws Throwable {
		if (!this.rootEntered) {
			this.rootEntered = true;
			return invocation.proceed();
		}
		StepDefinition step = this.executor.definitions().step(invocation);
		if (step == null) {
			WorkflowDefinition child = this.executor.definitions().workflow(invocation);
			return runChild(new ChildCall(ChildCall.entryName(child), child, invocation.getArguments().clone(), null));
		}
		return runStep(step, RetryOverride.NONE, null, invocation::proceed);
	}

	/** Runs a child workflow at the next position, suspending until it has finished. */
	@Nullable Object runChild(ChildCall call) {
		int sequence = this.cursor.next();
		this.executor.steps().flush(this);
		return valueOf(child(sequence, call));
	}

	StepOutcome child(int sequence, ChildCall call) {
		StepOutcome outcome = this.executor.children().advance(this, sequence, call);
		if (outcome instanceof StepOutcome.Pending) {
			this.waitsForChildren = true;
		}
		return outcome;
	}

	/**
	 * Runs a step at the next position on the workflow's thread, suspending if it must
	 * wait.
	 */
	@Nullable Object runStep(StepDefinition step, RetryOverride callRetry, @Nullable Instant runAt, StepBody body) {
		int sequence = this.cursor.next();
		StepOutcome outcome;
		this.workflowFrame.inStep = true;
		try {
			this.executor.steps().flush(this);
			outcome = this.executor.steps()
				.advance(this, step, sequence, this.cursor.recorded(sequence), callRetry, runAt, body, true);
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
	void sleepUntil(Instant wakeAt) {
		StepDefinition sleep = this.executor.definitions().sleep();
		int sequence = this.cursor.next();
		JournalEntry entry = this.cursor.recorded(sequence);
		StepRunner steps = this.executor.steps();
		steps.flush(this);
		if (entry != null) {
			this.cursor.checkName(entry, StepInfo.SLEEP);
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
	Instant journaledNow() {
		return (Instant) runStep(this.executor.definitions().now(), RetryOverride.NONE, null, this::now);
	}

	/**
	 * This turn's random generator, seeded from the workflow id, so that a replay draws
	 * the same numbers in the same order.
	 * @return the generator
	 */
	Random random() {
		if (this.random == null) {
			UUID seed = UUID.nameUUIDFromBytes(this.task.id().getBytes(StandardCharsets.UTF_8));
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
	@Nullable Object awaitEvent(String eventName, @Nullable String eventId, Class<?> type, @Nullable Duration timeout) {
		return this.executor.events()
			.await(this, eventName, eventId, this.executor.definitions().payloadType(type), timeout);
	}

	/**
	 * Runs a parallel step on the current thread (a pool thread, or the workflow's when
	 * it helps).
	 */
	void runParallel(AsyncStep<?> step, boolean onWorkflowThread) {
		Frame frame = onWorkflowThread ? this.workflowFrame : new Frame(this);
		Frame previous = CURRENT.get();
		CURRENT.set(frame);
		frame.inStep = true;
		if (!onWorkflowThread) {
			MDC.put(MDC_WORKFLOW_ID, this.task.id());
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

	/** The steps this turn started in parallel. */
	ParallelSteps parallel() {
		return this.parallel;
	}

	/**
	 * Defines a step at the call site.
	 * @param name the step's name
	 * @return the step call
	 */
	StepCall step(String name) {
		return new StepCallImpl(this, name);
	}

	/**
	 * Whether the run has a child workflow it has not received the outcome of: children
	 * still running when a run finishes are canceled.
	 */
	boolean waitsForChildren() {
		return this.waitsForChildren;
	}

	void stepStarted(int sequence, String name, int attempt, Instant startedAt) {
		this.running.put(sequence,
				new StepInfo(sequence, name, StepState.RUNNING, attempt, startedAt, null, null, null, null));
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
		MDC.put(MDC_WORKFLOW_ID, this.task.id());
		MDC.put(MDC_WORKFLOW, this.definition.name());
	}

	void exit() {
		CURRENT.remove();
		MDC.remove(MDC_WORKFLOW_ID);
		MDC.remove(MDC_WORKFLOW);
	}

	/**
	 * What runs on a thread: a workflow's own code, or (while {@code inStep}) one of its
	 * steps.
	 */
	private static final class Frame {

		final WorkflowExecution execution;

		volatile boolean inStep;

		Frame(WorkflowExecution execution) {
			this.execution = execution;
		}

	}

}
