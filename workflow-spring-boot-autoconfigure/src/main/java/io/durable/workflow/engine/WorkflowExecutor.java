package io.durable.workflow.engine;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.Step;
import io.durable.workflow.StepFailedException;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.JournalStore;
import io.durable.workflow.journal.StepRecord;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * Runs workflow turns: invokes the workflow method inline on the calling pool thread, journals
 * each step as it completes (one statement per step, no replay), and records the outcome. A
 * resumed run first loads its journal in one query; its recorded steps then return their results
 * without running.
 */
final class WorkflowExecutor {

	private static final Log logger = LogFactory.getLog(WorkflowExecutor.class);

	private static final int MAX_ERROR_LENGTH = 8000;

	enum Outcome {

		/** The run finished. */
		DONE,

		/** The journal could not be reached: run the turn again later. */
		RETRY,

		/** This node stopped running the run without finishing it: give it up to any node. */
		RELEASE

	}

	private final BeanFactory beanFactory;

	private final WorkflowRegistry registry;

	private final JournalStore store;

	private final PayloadCodec codec;

	private final TransactionTemplate stepTransactions;

	private final Clock clock;

	private final LeaseKeeper leases;

	private final CompletionSignals signals;

	private final String nodeId;

	private final Map<String, WorkflowExecution> active = new ConcurrentHashMap<>();

	/** Empty for {@code @Workflow} methods. */
	private final Map<StepKey, Optional<StepDefinition>> steps = new ConcurrentHashMap<>();

	WorkflowExecutor(BeanFactory beanFactory, WorkflowRegistry registry, JournalStore store, PayloadCodec codec,
			TransactionTemplate stepTransactions, Clock clock, LeaseKeeper leases, CompletionSignals signals,
			String nodeId) {
		this.beanFactory = beanFactory;
		this.registry = registry;
		this.store = store;
		this.codec = codec;
		this.stepTransactions = stepTransactions;
		this.clock = clock;
		this.leases = leases;
		this.signals = signals;
		this.nodeId = nodeId;
	}

	Outcome execute(RunTask task) {
		WorkflowDefinition definition = this.registry.get(task.name);
		List<JournalEntry> journal;
		try {
			journal = task.fresh ? List.of() : this.store.loadJournal(task.id);
		}
		catch (DataAccessException ex) {
			logger.warn("Cannot load the journal of workflow run '" + task.id + "'; retrying", ex);
			return Outcome.RETRY;
		}
		WorkflowExecution execution = new WorkflowExecution(this, task, definition, journal);
		this.active.put(task.id, execution);
		WorkflowState state;
		String result = null;
		String error = null;
		try {
			result = this.codec.write(definition.resultType(), invoke(execution),
					() -> "The return value of workflow '" + definition.name() + "'");
			execution.checkFullyReplayed();
			if (execution.violation() != null) {
				throw execution.violation();
			}
			state = WorkflowState.COMPLETED;
		}
		catch (AbandonTurn abandon) {
			logger.info(abandon.getMessage());
			return abandon.retry() ? Outcome.RETRY : Outcome.RELEASE;
		}
		catch (Throwable failure) {
			Throwable cause = (execution.violation() != null) ? execution.violation() : failure;
			logger.warn("Workflow '" + definition.name() + "' (run '" + task.id + "') failed", cause);
			state = WorkflowState.FAILED;
			result = null;
			error = describe(cause);
		}
		finally {
			this.active.remove(task.id);
		}
		try {
			if (!this.store.finishRun(task.id, this.nodeId, state, result, error, now())) {
				logger.info("Workflow run '" + task.id + "' finished here, but another node had taken it over;"
						+ " its outcome there counts");
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Cannot record the outcome of workflow run '" + task.id + "'; retrying", ex);
			return Outcome.RETRY;
		}
		this.signals.signal(task.id, new RunOutcome(state, result, error));
		return Outcome.DONE;
	}

	private @Nullable Object invoke(WorkflowExecution execution) throws Throwable {
		WorkflowDefinition definition = execution.definition();
		execution.enter();
		try {
			RunTask task = execution.task();
			Object[] args = (task.decodedArgs != null) ? task.decodedArgs
					: this.codec.readArguments(definition, task.args);
			return AopUtils.invokeJoinpointUsingReflection(this.beanFactory.getBean(definition.beanName()),
					definition.method(), args);
		}
		finally {
			execution.exit();
		}
	}

	/** The step definition of an intercepted method, or {@code null} for a {@code @Workflow} method. */
	@Nullable StepDefinition stepDefinition(MethodInvocation invocation) {
		Class<?> beanClass = ClassUtils.getUserClass(invocation.getThis().getClass());
		return this.steps
			.computeIfAbsent(new StepKey(invocation.getMethod(), beanClass), (key) -> define(key.method(), key.beanClass()))
			.orElse(null);
	}

	private Optional<StepDefinition> define(Method method, Class<?> beanClass) {
		Step step = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getMostSpecificMethod(method, beanClass),
				Step.class);
		if (step == null) {
			return Optional.empty();
		}
		String name = step.name().isEmpty() ? WorkflowRegistry.defaultName(beanClass, method) : step.name();
		return Optional.of(new StepDefinition(name, step.transactional(), this.codec.returnType(method, beanClass)));
	}

	@Nullable Object runStep(WorkflowExecution execution, StepDefinition step, MethodInvocation invocation)
			throws Throwable {
		int sequence = execution.nextSequence();
		JournalEntry recorded = execution.recorded(sequence);
		if (recorded != null) {
			return replay(execution, step, sequence, recorded);
		}
		RunTask task = execution.task();
		Instant startedAt = now();
		if (!this.leases.isHeld(task, startedAt)) {
			throw AbandonTurn.leaseLost(task.id);
		}
		execution.stepStarted(sequence, step.name(), startedAt);
		try {
			if (step.transactional()) {
				return runInTransaction(execution, step, sequence, startedAt, invocation);
			}
			Object value;
			String json;
			try {
				value = invocation.proceed();
				json = this.codec.write(step.resultType(), value, () -> "The result of step '" + step.name() + "'");
			}
			catch (AbandonTurn abandon) {
				throw abandon;
			}
			catch (Throwable failure) {
				throw recordFailure(execution, step, sequence, startedAt, failure);
			}
			record(execution, step, sequence, startedAt, StepState.COMPLETED, json, null);
			return value;
		}
		finally {
			execution.stepEnded();
		}
	}

	private @Nullable Object runInTransaction(WorkflowExecution execution, StepDefinition step, int sequence,
			Instant startedAt, MethodInvocation invocation) {
		try {
			return this.stepTransactions.execute((status) -> {
				Object value;
				try {
					value = invocation.proceed();
				}
				catch (RuntimeException | Error ex) {
					throw ex;
				}
				catch (Throwable ex) {
					throw new CheckedStepException(ex);
				}
				String json = this.codec.write(step.resultType(), value,
						() -> "The result of step '" + step.name() + "'");
				// The step's own pending writes fail here, as the step's error, not at commit.
				status.flush();
				record(execution, step, sequence, startedAt, StepState.COMPLETED, json, null);
				return value;
			});
		}
		catch (AbandonTurn abandon) {
			throw abandon;
		}
		catch (CheckedStepException ex) {
			throw recordFailure(execution, step, sequence, startedAt, ex.getCause());
		}
		catch (RuntimeException | Error failure) {
			throw recordFailure(execution, step, sequence, startedAt, failure);
		}
	}

	private @Nullable Object replay(WorkflowExecution execution, StepDefinition step, int sequence,
			JournalEntry recorded) {
		if (!recorded.name().equals(step.name())) {
			throw execution.diverged("replaying step #" + sequence + " it called '" + step.name()
					+ "', but the journal recorded '" + recorded.name() + "' at that position");
		}
		if (recorded.failed()) {
			String error = (recorded.error() != null) ? recorded.error() : "";
			int colon = error.indexOf(": ");
			throw new StepFailedException(step.name(), (colon < 0) ? error : error.substring(0, colon),
					(colon < 0) ? null : error.substring(colon + 2), null);
		}
		return this.codec.read(step.resultType(), recorded.result(),
				() -> "the journaled result of step '" + step.name() + "'");
	}

	private StepFailedException recordFailure(WorkflowExecution execution, StepDefinition step, int sequence,
			Instant startedAt, Throwable failure) {
		String type = failure.getClass().getName();
		String message = failure.getMessage();
		logger.debug("Step '" + step.name() + "' of workflow run '" + execution.task().id + "' failed", failure);
		record(execution, step, sequence, startedAt, StepState.FAILED, null,
				truncate((message != null) ? type + ": " + message : type));
		return new StepFailedException(step.name(), type, message, failure);
	}

	private void record(WorkflowExecution execution, StepDefinition step, int sequence, Instant startedAt,
			StepState state, @Nullable String result, @Nullable String error) {
		String runId = execution.task().id;
		boolean recorded;
		try {
			recorded = this.store.insertStep(new StepRecord(runId, sequence, step.name(), state, 1, result, error,
					startedAt, now()));
		}
		catch (DataAccessException ex) {
			throw AbandonTurn.journalUnavailable(runId, ex);
		}
		if (!recorded) {
			throw AbandonTurn.leaseLost(runId);
		}
	}

	/** The time, to the microsecond the journal stores, so that what is shown stays what is stored. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** The step running right now for a run executing on this node, if any. */
	@Nullable StepInfo runningStep(String id) {
		WorkflowExecution execution = this.active.get(id);
		return (execution != null) ? execution.runningStep() : null;
	}

	private static String describe(Throwable failure) {
		if (failure instanceof io.durable.workflow.WorkflowException) {
			return truncate(failure.getMessage());
		}
		String message = failure.getMessage();
		return truncate((message != null) ? failure.getClass().getName() + ": " + message : failure.getClass().getName());
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_ERROR_LENGTH) ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
	}

	private record StepKey(Method method, Class<?> beanClass) {
	}

	/** Carries a checked exception of a transactional step through the transaction template. */
	private static final class CheckedStepException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		CheckedStepException(Throwable cause) {
			super(cause);
		}

	}

}
