package io.durable.workflow.engine.client;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStateException;
import io.durable.workflow.engine.AfterCommit;
import io.durable.workflow.engine.dispatch.CompletionSignals;
import io.durable.workflow.engine.dispatch.DispatchPort;
import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.engine.execution.RunTermination;
import io.durable.workflow.engine.execution.StepRunner;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalJdbc;
import io.durable.workflow.journal.RunRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client's ends of runs: cancels and fails of runs in progress (with their children
 * in progress), and cleanups of finished ones.
 */
final class RunEnds {

	private static final Log logger = LogFactory.getLog(RunEnds.class);

	private static final RunOutcome CANCELED = new RunOutcome(WorkflowState.CANCELED, null, null);

	private static final int OVERDUE_BATCH = 100;

	private final Journal journal;

	private final RunReads reads;

	private final RunTermination termination;

	private final DispatchPort dispatcher;

	private final CompletionSignals signals;

	/** Joins the caller's transaction, or runs one of its own. */
	private final TransactionTemplate transactions;

	RunEnds(Journal journal, RunReads reads, RunTermination termination, DispatchPort dispatcher,
			CompletionSignals signals, TransactionTemplate transactions) {
		this.journal = journal;
		this.reads = reads;
		this.termination = termination;
		this.dispatcher = dispatcher;
		this.signals = signals;
		this.transactions = transactions;
	}

	/** Cancels a run and its children; a finished run is left as it is. */
	void cancel(WorkflowId id) {
		RunRecord run = this.reads.find(id);
		end(run, CANCELED, (now) -> this.journal.runs().cancelRun(run.id(), now, null));
	}

	/**
	 * Cancels the runs in progress whose deadline has passed, with their children, up to
	 * a hundred at a time: the rest on the next call.
	 */
	void cancelOverdue(Instant now) {
		for (String id : this.journal.runs().overdue(now, OVERDUE_BATCH)) {
			this.journal.queries().findRun(id).filter((run) -> run.deadline() != null).ifPresent((run) -> {
				String reason = "Its deadline " + run.deadline() + " passed";
				end(run, new RunOutcome(WorkflowState.CANCELED, null, reason),
						(at) -> this.journal.runs().cancelRun(run.id(), at, reason));
			});
		}
	}

	/**
	 * Fails a run in progress with the given error, and cancels its children.
	 * @throws WorkflowStateException if it has finished
	 */
	void fail(WorkflowId id, String reason) {
		if (reason.isBlank()) {
			throw new IllegalArgumentException(
					"Give the reason to fail workflow '" + id + "' for: it is the run's error");
		}
		RunRecord run = this.reads.find(id);
		if (run.state().isFinished()) {
			throw WorkflowStateException.finished(id, run.state(), "fail it");
		}
		String error = StepRunner.storable(reason);
		if (end(run, new RunOutcome(WorkflowState.FAILED, null, error),
				(now) -> this.journal.runs().failRun(run.id(), error, now))
			.isEmpty()) {
			throw WorkflowStateException.finished(id, this.reads.find(id).state(), "fail it");
		}
	}

	/**
	 * Ends a run and cancels its children. It always ends: if the completion handler
	 * fails, the run ends without it and the failure stays on the run, unless the end
	 * joined the caller's transaction, which the handler's exception then rolls back.
	 * @return the runs that ended, the run first; empty if it had ended already
	 */
	private List<String> end(RunRecord run, RunOutcome outcome, RunTermination.EndRecord record) {
		boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
		String ended = outcome.state().name().toLowerCase(Locale.ROOT);
		String ending = (outcome.state() == WorkflowState.CANCELED) ? "cancel" : "fail";
		List<String> stopped;
		try {
			stopped = end(run, outcome, record, true, joined);
		}
		catch (RunTermination.HandlerFailure failure) {
			Throwable cause = failure.getCause();
			if (joined) {
				if (cause instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) cause;
			}
			logger.warn("The completion handler of workflow run '" + run.id() + "' failed on its " + ending
					+ "; the run is " + ended + " without it", cause);
			stopped = end(run, outcome, record, false, false);
			this.journal.runs()
				.recordHandlerError(run.id(), null, "Completion handler failed on " + ending + "; the run is " + ended
						+ " without it: " + StepRunner.describe(cause));
		}
		// Joined to the caller's transaction, the end counts once that commits: a
		// rollback leaves the runs going, and the callers waiting for them told nothing.
		List<String> runs = stopped;
		if (!runs.isEmpty()) {
			AfterCommit.run(() -> {
				this.dispatcher.ended(runs.subList(0, 1), outcome);
				this.dispatcher.ended(runs.subList(1, runs.size()), CANCELED);
			});
		}
		if (!stopped.isEmpty() && run.parentId() != null) {
			String parent = run.parentId();
			AfterCommit.run(() -> this.dispatcher.wake(parent));
		}
		return stopped;
	}

	/**
	 * Ends a run and cancels its children in one transaction, calling its completion
	 * handler in it if asked: if the handler throws, nothing ends.
	 */
	private List<String> end(RunRecord run, RunOutcome outcome, RunTermination.EndRecord record, boolean callHandler,
			boolean joined) {
		TransactionCallback<List<String>> end = (status) -> this.termination.end(
				new RunTermination.Ending(run.id(), run.name(), run.parentId(), run.context()), outcome, record, true,
				callHandler ? run.handler() : null);
		// PostgreSQL may fail it to break a deadlock with a transaction locking the same
		// runs in another order; then it runs again, unless it joined the caller's
		// transaction.
		return joined ? this.transactions.execute(end)
				: JournalJdbc.retryingDeadlocks(() -> this.transactions.execute(end));
	}

	void cleanup(WorkflowId id) {
		if (!this.reads.find(id).state().isFinished()) {
			throw WorkflowStateException.inProgress(id, "clean it up");
		}
		this.journal.retention().deleteRun(id.value()).forEach(this.signals::forget);
	}

}
