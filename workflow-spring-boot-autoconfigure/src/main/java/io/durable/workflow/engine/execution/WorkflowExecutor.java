package io.durable.workflow.engine.execution;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import io.durable.workflow.NonDeterministicWorkflowException;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowException;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.engine.dispatch.RunTask;
import io.durable.workflow.engine.dispatch.WorkflowPool;
import io.durable.workflow.engine.observation.WorkflowObservations;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalEntry;
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
import org.springframework.util.ReflectionUtils;

/**
 * Runs workflow turns: invokes the workflow method inline on the calling pool thread,
 * journals each step as it completes (one statement per step, no replay), and records the
 * outcome. A resumed run first loads its journal in one query (or takes it from the turn
 * before, when that turn ran here); its recorded steps then return their results without
 * running.
 */
public final class WorkflowExecutor {

	private static final Log logger = LogFactory.getLog(WorkflowExecutor.class);

	private final BeanFactory beanFactory;

	private final WorkflowRegistry registry;

	private final Journal journal;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final StepRunner steps;

	private final EventWaits events;

	private final ChildWorkflows children;

	private final @Nullable Validator validator;

	private final WorkflowObservations observations;

	private final RunFinisher finisher;

	private final CallDefinitions definitions;

	/** Whether a run whose replay diverges is parked rather than failed. */
	private final boolean parkDivergence;

	private final Map<String, WorkflowExecution> active = new ConcurrentHashMap<>();

	private volatile @Nullable WorkflowPool pool;

	public WorkflowExecutor(BeanFactory beanFactory, WorkflowRegistry registry, Journal journal, PayloadCodec codec,
			EngineClock clock, StepRunner steps, EventWaits events, ChildWorkflows children,
			@Nullable Validator validator, WorkflowObservations observations, RunFinisher finisher,
			boolean parkDivergence) {
		this.beanFactory = beanFactory;
		this.registry = registry;
		this.journal = journal;
		this.codec = codec;
		this.clock = clock;
		this.steps = steps;
		this.events = events;
		this.children = children;
		this.validator = validator;
		this.observations = observations;
		this.finisher = finisher;
		this.definitions = new CallDefinitions(registry, codec);
		this.parkDivergence = parkDivergence;
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
			return TurnFaults.retry(task, "Cannot load the journal of workflow run '" + task.id() + "' (" + ex + ")");
		}
		WorkflowExecution execution = new WorkflowExecution(this, task, definition, journal, observation, false);
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
			if (parks(execution)) {
				return park(execution);
			}
			try {
				this.steps.flush(execution);
			}
			catch (AbandonTurn abandon) {
				return TurnFaults.abandoned(task, abandon);
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
			return TurnFaults.abandoned(task, abandon);
		}
		catch (Throwable failure) {
			if (parks(execution)) {
				return park(execution);
			}
			if (execution.cursor().violation() == null && DatabaseFaults.isFault(failure)) {
				return TurnFaults.retry(task, "Workflow run '" + task.id() + "' met a fault of the database (" + failure
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
		return this.finisher.finish(execution, new RunOutcome(state, result, error));
	}

	/**
	 * Replays a journal against the workflow's code, running nothing and writing nothing:
	 * journaled steps return their results (or throw their failures), and the replay ends
	 * where the journal does: at its end, or at the first step it holds unfinished. The
	 * failures the journal records, raised again, are part of what it replays, and so is
	 * the failure of a failed run once its whole journal has replayed.
	 * @param failed whether the run failed
	 * @throws NonDeterministicWorkflowException if the code diverges from the journal
	 */
	public void replay(RunTask task, List<JournalEntry> journal, boolean failed) {
		WorkflowExecution execution = new WorkflowExecution(this, task, this.registry.get(task.name()), journal,
				Observation.NOOP, true);
		try {
			invoke(execution);
			execution.cursor().checkFullyReplayed();
		}
		catch (ReplayEnd end) {
			// The journal ends here: everything before matched.
		}
		catch (Throwable failure) {
			// Thrown before the journal's end, it stops a run the journal says went on.
			execution.cursor().checkFullyReplayed();
			if (execution.cursor().violation() == null && !(failure instanceof WorkflowException) && !failed) {
				ReflectionUtils.rethrowRuntimeException(failure);
			}
		}
		if (execution.cursor().violation() != null) {
			throw execution.cursor().violation();
		}
	}

	/**
	 * Whether the turn's replay diverged from the journal and the run is to be parked:
	 * nothing of the turn was journaled, since it diverged at a journaled position (or
	 * returned before the last).
	 */
	private boolean parks(WorkflowExecution execution) {
		return this.parkDivergence && execution.cursor().violation() != null;
	}

	/**
	 * Parks the run once its parallel steps still in flight (at new positions) have
	 * journaled what they did.
	 */
	private TurnOutcome park(WorkflowExecution execution) {
		return new TurnOutcome.Parked(StepRunner.storable(String.valueOf(execution.cursor().violation().getMessage())),
				execution.parallel().inFlight());
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
					: execution.cursor().readJournaled(() -> this.codec.readArguments(definition, task.args()));
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
