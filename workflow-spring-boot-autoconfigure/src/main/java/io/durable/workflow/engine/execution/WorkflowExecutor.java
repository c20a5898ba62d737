package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.EngineSettings;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.engine.dispatch.RunTask;
import io.durable.workflow.engine.dispatch.WorkflowPool;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.engine.observation.WorkflowObservations;
import io.durable.workflow.journal.FinishRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.StepRecord;
import io.micrometer.observation.Observation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs workflow turns: invokes the workflow method inline on the calling pool thread,
 * journals each step as it completes (one statement per step, no replay), and records the
 * outcome. A resumed run first loads its journal in one query (or takes it from the turn
 * before, when that turn ran here); its recorded steps then return their results without
 * running.
 */
public final class WorkflowExecutor {

	private static final Log logger = LogFactory.getLog(WorkflowExecutor.class);

	/**
	 * The first wait before a failed completion handler is called again; it doubles up to
	 * 256 times.
	 */
	private static final Duration COMPLETION_BACKOFF = Duration.ofMillis(250);

	private final BeanFactory beanFactory;

	private final WorkflowRegistry registry;

	private final Journal journal;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final StepRunner steps;

	private final JournalWriter writer;

	private final EventWaits events;

	private final ChildWorkflows children;

	private final TransactionTemplate completions;

	private final @Nullable Validator validator;

	private final String nodeId;

	/**
	 * Calls in all of a completion handler that throws, before the outcome is recorded
	 * without it.
	 */
	private final int completionAttempts;

	private final RunEvents runEvents;

	private final WorkflowObservations observations;

	private final RunTermination termination;

	private final CallDefinitions definitions;

	private final Map<String, WorkflowExecution> active = new ConcurrentHashMap<>();

	private volatile @Nullable WorkflowPool pool;

	public WorkflowExecutor(BeanFactory beanFactory, WorkflowRegistry registry, Journal journal, PayloadCodec codec,
			EngineClock clock, StepRunner steps, JournalWriter writer, EventWaits events, ChildWorkflows children,
			TransactionTemplate completions, @Nullable Validator validator, EngineSettings settings,
			RunEvents runEvents, WorkflowObservations observations, RunTermination termination) {
		this.beanFactory = beanFactory;
		this.registry = registry;
		this.journal = journal;
		this.codec = codec;
		this.clock = clock;
		this.steps = steps;
		this.writer = writer;
		this.events = events;
		this.children = children;
		this.completions = completions;
		this.validator = validator;
		this.nodeId = settings.nodeId();
		this.completionAttempts = settings.completionAttempts();
		this.runEvents = runEvents;
		this.observations = observations;
		this.termination = termination;
		this.definitions = new CallDefinitions(registry, codec);
	}

	/** Parallel steps run on this pool (set while the engine runs). */
	public void usePool(@Nullable WorkflowPool pool) {
		this.pool = pool;
	}

	/** Runs a turn, observed: the steps it runs are observed within it. */
	public TurnOutcome execute(RunTask task) {
		Observation observation = this.observations.turn(task.name(), task.id(), task.traceContext());
		TurnOutcome outcome = TurnOutcome.RELEASE;
		try (Observation.Scope scope = observation.openScope()) {
			outcome = execute(task, observation);
			return outcome;
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			this.observations.stop(observation, outcome.observedAs());
		}
	}

	private TurnOutcome execute(RunTask task, Observation observation) {
		WorkflowDefinition definition = this.registry.get(task.name());
		List<JournalEntry> journal;
		try {
			journal = (task.journal() != null) ? task.journal()
					: task.fresh() ? List.of() : this.journal.steps().loadJournal(task.id());
		}
		catch (DataAccessException ex) {
			return fault(task, "Cannot load the journal of workflow run '" + task.id() + "' (" + ex + ")");
		}
		WorkflowExecution execution = new WorkflowExecution(this, task, definition, journal, observation);
		this.active.put(task.id(), execution);
		WorkflowState state;
		String result = null;
		String error = null;
		boolean stepsInFlight = false;
		try {
			Object value = invoke(execution);
			execution.parallel().awaitOutstanding();
			execution.cursor().checkFullyReplayed();
			if (execution.cursor().violation() != null) {
				throw execution.cursor().violation();
			}
			checkReturnValue(definition, value);
			result = this.codec.write(definition.resultType(), value,
					() -> "The return value of workflow '" + definition.name() + "'");
			state = WorkflowState.COMPLETED;
		}
		catch (Suspension suspension) {
			try {
				this.steps.flush(execution);
			}
			catch (AbandonTurn abandon) {
				return abandoned(task, abandon);
			}
			CompletableFuture<Void> parallel = execution.parallel().inFlight();
			if (parallel != null) {
				// Its steps still running show in the run's status until they finish.
				stepsInFlight = true;
				parallel.whenComplete((done, ex) -> this.active.remove(task.id(), execution));
			}
			return new TurnOutcome.Suspended(parallel, suspension.wakeAt(), suspension.external(),
					suspension.seenSignals(), execution.cursor()::journal);
		}
		catch (AbandonTurn abandon) {
			return abandoned(task, abandon);
		}
		catch (Throwable failure) {
			if (execution.cursor().violation() == null && DatabaseFaults.isFault(failure)) {
				return fault(task, "Workflow run '" + task.id() + "' met a fault of the database (" + failure
						+ "); it runs again once the database answers");
			}
			Throwable cause = (execution.cursor().violation() != null) ? execution.cursor().violation() : failure;
			logger.warn("Workflow '" + definition.name() + "' (run '" + task.id() + "') failed", cause);
			state = WorkflowState.FAILED;
			result = null;
			error = StepRunner.describe(cause);
		}
		finally {
			if (!stepsInFlight) {
				this.active.remove(task.id(), execution);
			}
		}
		RunOutcome outcome = new RunOutcome(state, result, error);
		try {
			if (task.handler() != null || task.parentId() != null || execution.waitsForChildren()) {
				return finishInTransaction(task, execution, outcome);
			}
			StepRecord lastStep = execution.cursor().takeDeferred();
			if (!this.writer.finishRun(
					new FinishRecord(task.id(), this.nodeId, state, result, error, this.clock.now(), lastStep))) {
				return finishedElsewhere(task);
			}
			if (lastStep != null) {
				this.runEvents.journaled(definition.name(), lastStep);
			}
			this.runEvents.stateChanged(task.id(), task.name(), state);
		}
		catch (DataAccessException ex) {
			return fault(task, "Cannot record the outcome of workflow run '" + task.id() + "' (" + ex + ")");
		}
		catch (AbandonTurn abandon) {
			return abandoned(task, abandon);
		}
		return new TurnOutcome.Finished(outcome, List.of());
	}

	/**
	 * Ends a turn that stops without an outcome: given up to any node, or (a fault)
	 * retried here.
	 */
	private static TurnOutcome abandoned(RunTask task, AbandonTurn abandon) {
		if (!abandon.retry()) {
			logger.info(abandon.getMessage());
			return TurnOutcome.RELEASE;
		}
		return fault(task, abandon.getMessage());
	}

	/**
	 * Ends a turn that met a fault of the journal or the database: run again after a
	 * backoff. A run's first fault in a row is a warning; the next ones, during the same
	 * outage, are debug.
	 */
	private static TurnOutcome fault(RunTask task, String message) {
		if (task.faults() == 0) {
			logger.warn(message + "; faults in a row of this run after this one are logged at debug level");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message + " (fault " + (task.faults() + 1) + " in a row)");
		}
		return TurnOutcome.RETRY;
	}

	/**
	 * Records the outcome in one transaction with what goes with it: the cancel of
	 * children still running, the signal to a parent, and the completion handler's call.
	 * If the handler throws, nothing is recorded but its error, and the completion is
	 * tried again with backoff; after its last attempt, the outcome is recorded without
	 * the handler.
	 */
	private TurnOutcome finishInTransaction(RunTask task, WorkflowExecution execution, RunOutcome outcome) {
		this.steps.flush(execution);
		boolean givenUp = task.completionFailures() >= this.completionAttempts;
		String handler = givenUp ? null : task.handler();
		try {
			List<String> ended = this.completions.execute((status) -> {
				List<String> runs = this.termination.end(
						new RunTermination.Ending(task.id(), task.name(), task.parentId(), task.context()), outcome, (
								now) -> this.journal.runs()
									.finishRun(new FinishRecord(task.id(), this.nodeId, outcome.state(),
											outcome.result(), outcome.error(), now, null)),
						execution.waitsForChildren(), handler);
				if (runs.isEmpty()) {
					status.setRollbackOnly();
					return null;
				}
				if (handler != null && task.completionFailures() > 0) {
					this.journal.runs().recordHandlerError(task.id(), null, null);
				}
				return runs;
			});
			return (ended != null) ? new TurnOutcome.Finished(outcome, ended.subList(1, ended.size()))
					: finishedElsewhere(task);
		}
		catch (RunTermination.HandlerFailure failure) {
			if (DatabaseFaults.isFault(failure.getCause())) {
				return fault(task, "The completion handler of workflow run '" + task.id() + "' met a fault of the"
						+ " database (" + failure.getCause() + ")");
			}
			int attempts = task.completionFailures() + 1;
			String error = StepRunner.describe(failure.getCause());
			if (attempts >= this.completionAttempts) {
				logger.error("The completion handler of workflow run '" + task.id() + "' failed " + attempts
						+ " times; the run's outcome is recorded without it", failure.getCause());
				this.journal.runs()
					.recordHandlerError(task.id(), this.nodeId, "Completion handler failed " + attempts
							+ " times; the outcome stands without it. Last failure: " + error);
				return new TurnOutcome.Retry(Duration.ZERO);
			}
			Duration backoff = COMPLETION_BACKOFF.multipliedBy(1L << Math.min(task.completionFailures(), 8));
			logger.warn("The completion handler of workflow run '" + task.id() + "' failed (attempt " + attempts
					+ " of " + this.completionAttempts + "); trying again in " + backoff, failure.getCause());
			this.journal.runs().recordHandlerError(task.id(), this.nodeId, "Completion handler failed: " + error);
			return new TurnOutcome.Retry(backoff);
		}
		catch (TransactionException | DataAccessException ex) {
			return fault(task, "Cannot record the outcome of workflow run '" + task.id() + "' (" + ex + ")");
		}
	}

	private static TurnOutcome finishedElsewhere(RunTask task) {
		logger.info("Workflow run '" + task.id() + "' finished here, but it had been canceled or taken over;"
				+ " its outcome here does not count");
		return TurnOutcome.RELEASE;
	}

	/**
	 * Applies the Bean Validation constraints of a {@code @Valid} workflow method's
	 * return value.
	 */
	private void checkReturnValue(WorkflowDefinition definition, @Nullable Object value) {
		if (this.validator == null || !definition.method().isAnnotationPresent(Valid.class)) {
			return;
		}
		Set<ConstraintViolation<Object>> violations = this.validator.forExecutables()
			.validateReturnValue(this.beanFactory.getBean(definition.beanName()), definition.method(), value);
		if (!violations.isEmpty()) {
			throw new IllegalStateException("The return value of workflow '" + definition.name() + "' is invalid: "
					+ violations.stream()
						.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
						.sorted()
						.collect(Collectors.joining("; ")));
		}
	}

	private @Nullable Object invoke(WorkflowExecution execution) throws Throwable {
		WorkflowDefinition definition = execution.definition();
		execution.enter();
		try {
			RunTask task = execution.task();
			Object[] args = (task.decodedArgs() != null) ? task.decodedArgs()
					: this.codec.readArguments(definition, task.args());
			return AopUtils.invokeJoinpointUsingReflection(this.beanFactory.getBean(definition.beanName()),
					definition.method(), args);
		}
		finally {
			execution.exit();
		}
	}

	/** Hands a parallel step to the pool; a stopping engine ends it instead. */
	void submitParallel(AsyncStep<?> step) {
		WorkflowPool current = this.pool;
		try {
			if (current == null) {
				throw new RejectedExecutionException("The workflow engine is not running");
			}
			current.submit(new ParallelStepWork(step));
		}
		catch (RejectedExecutionException ex) {
			step.abandon();
		}
	}

	/** What the workflow's intercepted calls are. */
	CallDefinitions definitions() {
		return this.definitions;
	}

	StepRunner steps() {
		return this.steps;
	}

	EventWaits events() {
		return this.events;
	}

	ChildWorkflows children() {
		return this.children;
	}

	EngineClock clock() {
		return this.clock;
	}

	/** The steps running right now for a run executing on this node. */
	public List<StepInfo> runningSteps(String id) {
		WorkflowExecution execution = this.active.get(id);
		return (execution != null) ? execution.runningSteps() : List.of();
	}

	/**
	 * A parallel step waiting for a pool thread (unless the workflow's own thread takes
	 * it first).
	 */
	public static final class ParallelStepWork implements Runnable {

		private final AsyncStep<?> step;

		ParallelStepWork(AsyncStep<?> step) {
			this.step = step;
		}

		@Override
		public void run() {
			if (this.step.tryStart()) {
				this.step.execution().runParallel(this.step, false);
			}
		}

		public void abandon() {
			this.step.abandon();
		}

	}

}
