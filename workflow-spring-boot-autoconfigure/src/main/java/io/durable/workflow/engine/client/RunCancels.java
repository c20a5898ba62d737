package io.durable.workflow.engine.client;

import java.util.List;

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

/** The client's cancels and cleanups. */
final class RunCancels {

	private static final Log logger = LogFactory.getLog(RunCancels.class);

	private static final RunOutcome CANCELED = new RunOutcome(WorkflowState.CANCELED, null, null);

	private final Journal journal;

	private final RunReads reads;

	private final RunTermination termination;

	private final DispatchPort dispatcher;

	private final CompletionSignals signals;

	/** Joins the caller's transaction, or runs one of its own. */
	private final TransactionTemplate transactions;

	RunCancels(Journal journal, RunReads reads, RunTermination termination, DispatchPort dispatcher,
			CompletionSignals signals, TransactionTemplate transactions) {
		this.journal = journal;
		this.reads = reads;
		this.termination = termination;
		this.dispatcher = dispatcher;
		this.signals = signals;
		this.transactions = transactions;
	}

	/**
	 * Cancels a run and its children. A cancel always succeeds: if the completion handler
	 * fails, the run is canceled without it and the failure stays on the run, unless the
	 * cancel joined the caller's transaction, which the handler's exception then rolls
	 * back.
	 */
	void cancel(WorkflowId id) {
		RunRecord run = this.reads.find(id);
		boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
		List<String> stopped;
		try {
			stopped = cancel(run, true, joined);
		}
		catch (RunTermination.HandlerFailure failure) {
			Throwable cause = failure.getCause();
			if (cause instanceof Error error) {
				throw error;
			}
			if (joined) {
				throw (RuntimeException) cause;
			}
			logger.warn("The completion handler of workflow run '" + id.value() + "' failed on its cancel; the run is"
					+ " canceled without it", cause);
			stopped = cancel(run, false, false);
			this.journal.runs()
				.recordHandlerError(id.value(), null, "Completion handler failed on cancel; the run is"
						+ " canceled without it: " + StepRunner.describe(cause));
		}
		// Joined to the caller's transaction, the cancel counts once that commits: a
		// rollback leaves the runs going, and the callers waiting for them told nothing.
		List<String> canceled = stopped;
		AfterCommit.run(() -> this.dispatcher.canceled(canceled));
		if (!stopped.isEmpty() && run.parentId() != null) {
			String parent = run.parentId();
			AfterCommit.run(() -> this.dispatcher.wake(parent));
		}
	}

	/**
	 * Cancels a run and its children in one transaction, calling its completion handler
	 * in it if asked: if the handler throws, nothing is canceled.
	 */
	private List<String> cancel(RunRecord run, boolean callHandler, boolean joined) {
		TransactionCallback<List<String>> cancel = (status) -> this.termination.end(
				new RunTermination.Ending(run.id(), run.name(), run.parentId(), run.context()), CANCELED,
				(now) -> this.journal.runs().cancelRun(run.id(), now), true, callHandler ? run.handler() : null);
		// PostgreSQL may fail it to break a deadlock with a transaction locking the same
		// runs in
		// another order; then it runs again, unless it joined the caller's transaction.
		return joined ? this.transactions.execute(cancel)
				: JournalJdbc.retryingDeadlocks(() -> this.transactions.execute(cancel));
	}

	void cleanup(WorkflowId id) {
		if (!this.reads.find(id).state().isFinished()) {
			throw WorkflowStateException.inProgress(id, "clean it up");
		}
		this.journal.retention().deleteRun(id.value()).forEach(this.signals::forget);
	}

}
