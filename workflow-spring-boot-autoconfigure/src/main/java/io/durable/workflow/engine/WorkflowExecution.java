package io.durable.workflow.engine;

import java.time.Instant;
import java.util.List;

import io.durable.workflow.NonDeterministicWorkflowException;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.journal.JournalEntry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The state of one workflow turn on the thread running it: which journal positions are already
 * recorded (empty for a fresh start) and which position the next step takes. Steps are numbered
 * in the order the workflow's code calls them, so a replay meets them at the same positions.
 *
 * <p>Internal API, public only for {@link io.durable.workflow.Workflows}.
 */
public final class WorkflowExecution {

	private static final ThreadLocal<WorkflowExecution> CURRENT = new ThreadLocal<>();

	private final WorkflowExecutor executor;

	private final RunTask task;

	private final WorkflowDefinition definition;

	private final @Nullable JournalEntry[] recorded;

	private int nextSequence;

	private boolean rootEntered;

	private boolean inStep;

	private @Nullable NonDeterministicWorkflowException violation;

	private volatile @Nullable StepInfo runningStep;

	WorkflowExecution(WorkflowExecutor executor, RunTask task, WorkflowDefinition definition,
			List<JournalEntry> journal) {
		this.executor = executor;
		this.task = task;
		this.definition = definition;
		int size = journal.isEmpty() ? 0 : journal.get(journal.size() - 1).sequence() + 1;
		this.recorded = new JournalEntry[size];
		for (JournalEntry entry : journal) {
			this.recorded[entry.sequence()] = entry;
		}
	}

	/**
	 * The execution running on this thread.
	 * @param operation what the caller tried, for the error message
	 * @return the current execution
	 * @throws IllegalStateException when no workflow runs on this thread
	 */
	public static WorkflowExecution require(String operation) {
		WorkflowExecution execution = CURRENT.get();
		if (execution == null) {
			throw new IllegalStateException(operation + " can only be called while a workflow runs, on its thread");
		}
		return execution;
	}

	static @Nullable WorkflowExecution current() {
		return CURRENT.get();
	}

	/**
	 * The id of the run this execution belongs to.
	 * @return the workflow id
	 */
	public WorkflowId workflowId() {
		return WorkflowId.of(this.task.id);
	}

	RunTask task() {
		return this.task;
	}

	WorkflowDefinition definition() {
		return this.definition;
	}

	void enter() {
		CURRENT.set(this);
	}

	void exit() {
		CURRENT.remove();
	}

	@Nullable Object intercept(MethodInvocation invocation) throws Throwable {
		if (!this.rootEntered) {
			this.rootEntered = true;
			return invocation.proceed();
		}
		if (this.inStep) {
			return invocation.proceed();
		}
		StepDefinition step = this.executor.stepDefinition(invocation);
		if (step == null) {
			throw new IllegalStateException("Workflow '" + this.definition.name() + "' called @Workflow method "
					+ invocation.getMethod().getName() + " from its code; child workflows are not supported yet."
					+ " Start it with WorkflowClient.start instead.");
		}
		this.inStep = true;
		try {
			return this.executor.runStep(this, step, invocation);
		}
		finally {
			this.inStep = false;
		}
	}

	/** Takes the next journal position for a step, refusing once the run is known to diverge. */
	int nextSequence() {
		if (this.violation != null) {
			throw this.violation;
		}
		return this.nextSequence++;
	}

	@Nullable JournalEntry recorded(int sequence) {
		return (sequence < this.recorded.length) ? this.recorded[sequence] : null;
	}

	NonDeterministicWorkflowException diverged(String problem) {
		this.violation = new NonDeterministicWorkflowException("Workflow '" + this.definition.name() + "' (run '"
				+ this.task.id + "') is not deterministic: " + problem + ". Its code changed while this run was in"
				+ " progress, or it depends on something other than its arguments and step results.");
		return this.violation;
	}

	/** Fails the run if its code returned before reaching every journaled step. */
	void checkFullyReplayed() {
		if (this.violation == null && this.nextSequence < this.recorded.length) {
			diverged("it returned after " + this.nextSequence + " steps, but its journal holds "
					+ this.recorded.length);
		}
	}

	@Nullable NonDeterministicWorkflowException violation() {
		return this.violation;
	}

	void stepStarted(int sequence, String name, Instant startedAt) {
		this.runningStep = new StepInfo(sequence, name, StepState.RUNNING, 1, startedAt, null, null, null);
	}

	void stepEnded() {
		this.runningStep = null;
	}

	@Nullable StepInfo runningStep() {
		return this.runningStep;
	}

}
