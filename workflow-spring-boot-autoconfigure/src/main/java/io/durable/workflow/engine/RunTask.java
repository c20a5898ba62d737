package io.durable.workflow.engine;

import java.time.Instant;
import java.util.List;

import io.durable.workflow.journal.ClaimedRun;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.NewRun;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a run handed to this node's pool: a fresh start (nothing journaled yet, no journal
 * query needed) or a resumed run (replayed from its journal).
 */
final class RunTask {

	final String id;

	final String name;

	final String args;

	/** The parent of a child workflow, to be told when it finishes. */
	final @Nullable String parentId;

	/** The bean name of the completion handler, if any. */
	final @Nullable String handler;

	/** The completion handler's context, as JSON. */
	final @Nullable String context;

	/** The trace context of the run's start, which its turns continue. */
	final @Nullable String traceContext;

	final boolean fresh;

	/** A fresh start's arguments, already read back from {@link #args} by the start. */
	final @Nullable Object @Nullable [] decodedArgs;

	/** The journal as the turn before left it on this node, or {@code null} to load it. */
	final @Nullable List<JournalEntry> journal;

	/** How many times its completion handler has failed here so far. */
	final int completionFailures;

	/** How many turns in a row ended here because the journal or the database could not be reached. */
	final int faults;

	/** When this node's lease on the run was last written by the insert or claim. */
	final Instant leaseStart;

	/** When the task was handed to the pool, after the row it leases was committed. */
	private volatile Instant dispatchedAt;

	/** A run claimed from the journal, to be replayed. */
	RunTask(ClaimedRun run, Instant leaseStart) {
		this(run.id(), run.name(), run.args(), run.parentId(), run.handler(), run.context(), run.traceContext(), false,
				null, null, 0, 0, leaseStart);
	}

	/** A fresh start, whose arguments were read back from their JSON already. */
	RunTask(NewRun run, @Nullable Object[] decodedArgs, Instant leaseStart) {
		this(run.id(), run.name(), run.args(), run.parentId(), run.handler(), run.context(), run.traceContext(), true,
				decodedArgs, null, 0, 0, leaseStart);
	}

	private RunTask(String id, String name, String args, @Nullable String parentId, @Nullable String handler,
			@Nullable String context, @Nullable String traceContext, boolean fresh,
			@Nullable Object @Nullable [] decodedArgs, @Nullable List<JournalEntry> journal, int completionFailures,
			int faults, Instant leaseStart) {
		this.id = id;
		this.name = name;
		this.args = args;
		this.parentId = parentId;
		this.handler = handler;
		this.context = context;
		this.traceContext = traceContext;
		this.fresh = fresh;
		this.decodedArgs = decodedArgs;
		this.journal = journal;
		this.completionFailures = completionFailures;
		this.faults = faults;
		this.leaseStart = leaseStart;
		this.dispatchedAt = leaseStart;
	}

	void markDispatched(Instant now) {
		this.dispatchedAt = now;
	}

	Instant dispatchedAt() {
		return this.dispatchedAt;
	}

	/** The same run, to be replayed from its stored journal after its completion handler failed. */
	RunTask afterCompletionFailure() {
		return next(null, this.completionFailures + 1, 0);
	}

	/** The same run, to be replayed from its stored journal after a fault of the database. */
	RunTask afterFault() {
		return next(null, this.completionFailures, this.faults + 1);
	}

	/** The same run's next turn, replayed from the given journal (or the stored one). */
	RunTask continued(@Nullable List<JournalEntry> journal) {
		return next(journal, this.completionFailures, 0);
	}

	private RunTask next(@Nullable List<JournalEntry> journal, int completionFailures, int faults) {
		RunTask next = new RunTask(this.id, this.name, this.args, this.parentId, this.handler, this.context,
				this.traceContext, false, null, journal, completionFailures, faults, this.leaseStart);
		next.dispatchedAt = this.dispatchedAt;
		return next;
	}

}
