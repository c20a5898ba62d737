package io.durable.workflow.engine;

import java.time.Instant;
import java.util.List;

import io.durable.workflow.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a run handed to this node's pool: a fresh start (nothing journaled yet, no journal
 * query needed) or a resumed run (replayed from its journal).
 */
final class RunTask {

	final String id;

	final String name;

	final String args;

	final boolean fresh;

	/** A fresh start's arguments, already read back from {@link #args} by the start. */
	final @Nullable Object @Nullable [] decodedArgs;

	/** The journal as the turn before left it on this node, or {@code null} to load it. */
	final @Nullable List<JournalEntry> journal;

	/** When this node's lease on the run was last written by the insert or claim. */
	final Instant leaseStart;

	/** When the task was handed to the pool, after the row it leases was committed. */
	private volatile Instant dispatchedAt;

	RunTask(String id, String name, String args, Instant leaseStart) {
		this(id, name, args, false, null, null, leaseStart);
	}

	/** A fresh start, whose arguments were read back from their JSON already. */
	RunTask(String id, String name, String args, @Nullable Object[] decodedArgs, Instant leaseStart) {
		this(id, name, args, true, decodedArgs, null, leaseStart);
	}

	private RunTask(String id, String name, String args, boolean fresh, @Nullable Object @Nullable [] decodedArgs,
			@Nullable List<JournalEntry> journal, Instant leaseStart) {
		this.id = id;
		this.name = name;
		this.args = args;
		this.fresh = fresh;
		this.decodedArgs = decodedArgs;
		this.journal = journal;
		this.leaseStart = leaseStart;
		this.dispatchedAt = leaseStart;
	}

	void markDispatched(Instant now) {
		this.dispatchedAt = now;
	}

	Instant dispatchedAt() {
		return this.dispatchedAt;
	}

	/** The same run, to be replayed from its journal (after a failed attempt to reach it). */
	RunTask resumed() {
		return continued(null);
	}

	/** The same run's next turn, replayed from the given journal (or the stored one). */
	RunTask continued(@Nullable List<JournalEntry> journal) {
		RunTask next = new RunTask(this.id, this.name, this.args, false, null, journal, this.leaseStart);
		next.dispatchedAt = this.dispatchedAt;
		return next;
	}

}
