package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.durable.workflow.journal.ClaimedRun;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.NewRun;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a run handed to this node's pool: a fresh start or a run of a queue that
 * has not begun yet (nothing journaled yet, no journal query needed), or a resumed run
 * (replayed from its journal).
 */
public final class RunTask {

	private static final Duration FIRST_FAULT_BACKOFF = Duration.ofMillis(100);

	private static final Duration MAX_FAULT_BACKOFF = Duration.ofSeconds(30);

	private final String id;

	private final String name;

	private final String args;

	/** The parent of a child workflow, to be told when it finishes. */
	private final @Nullable String parentId;

	/** The bean name of the completion handler, if any. */
	private final @Nullable String handler;

	/** The completion handler's context, as JSON. */
	private final @Nullable String context;

	/** The trace context of the run's start, which its turns continue. */
	private final @Nullable String traceContext;

	/** When the run is canceled unless it has finished; its children's deadline. */
	private final @Nullable Instant deadline;

	/** The named queue it executes in, whose limits it counts against while held. */
	private final @Nullable String queue;

	private final boolean fresh;

	/** A fresh start's arguments, already read back from {@link #args} by the start. */
	private final @Nullable Object @Nullable [] decodedArgs;

	/**
	 * The journal as the turn before left it on this node, or {@code null} to load it.
	 */
	private final @Nullable List<JournalEntry> journal;

	/** How many times its completion handler has failed here so far. */
	private final int completionFailures;

	/**
	 * How many turns in a row ended here because the journal or the database could not be
	 * reached.
	 */
	private final int faults;

	/** When this node's lease on the run was last written by the insert or claim. */
	final Instant leaseStart;

	/** When the task was handed to the pool, after the row it leases was committed. */
	private volatile Instant dispatchedAt;

	/**
	 * Its place among this node's dispatches: a lease renewal that began after it saw the
	 * row it leases.
	 */
	private volatile long dispatch;

	/**
	 * A run claimed from the journal, to be replayed; or begun, if it is known not to
	 * have begun before.
	 */
	public RunTask(ClaimedRun run, Instant leaseStart) {
		this(run.id(), run.name(), run.args(), run.parentId(), run.handler(), run.context(), run.traceContext(),
				run.deadline(), run.queue(), run.unbegun(), null, null, 0, 0, leaseStart);
	}

	/** A fresh start, whose arguments were read back from their JSON already. */
	public RunTask(NewRun run, @Nullable Object[] decodedArgs, Instant leaseStart) {
		this(run.id(), run.name(), run.args(), run.parentId(), run.handler(), run.context(), run.traceContext(),
				run.deadline(), run.queue(), true, decodedArgs, null, 0, 0, leaseStart);
	}

	private RunTask(String id, String name, String args, @Nullable String parentId, @Nullable String handler,
			@Nullable String context, @Nullable String traceContext, @Nullable Instant deadline, @Nullable String queue,
			boolean fresh, @Nullable Object @Nullable [] decodedArgs, @Nullable List<JournalEntry> journal,
			int completionFailures, int faults, Instant leaseStart) {
		this.id = id;
		this.name = name;
		this.args = args;
		this.parentId = parentId;
		this.handler = handler;
		this.context = context;
		this.traceContext = traceContext;
		this.deadline = deadline;
		this.queue = queue;
		this.fresh = fresh;
		this.decodedArgs = decodedArgs;
		this.journal = journal;
		this.completionFailures = completionFailures;
		this.faults = faults;
		this.leaseStart = leaseStart;
		this.dispatchedAt = leaseStart;
	}

	public String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public String args() {
		return this.args;
	}

	public @Nullable String parentId() {
		return this.parentId;
	}

	public @Nullable String handler() {
		return this.handler;
	}

	public @Nullable String context() {
		return this.context;
	}

	public @Nullable String traceContext() {
		return this.traceContext;
	}

	public @Nullable Instant deadline() {
		return this.deadline;
	}

	public @Nullable String queue() {
		return this.queue;
	}

	public boolean fresh() {
		return this.fresh;
	}

	public @Nullable Object @Nullable [] decodedArgs() {
		return this.decodedArgs;
	}

	public @Nullable List<JournalEntry> journal() {
		return this.journal;
	}

	public int completionFailures() {
		return this.completionFailures;
	}

	public int faults() {
		return this.faults;
	}

	/**
	 * How long to wait before this turn after the faults in a row before it: a tenth of a
	 * second after the first, doubling up to half a minute.
	 */
	Duration faultBackoff() {
		Duration backoff = FIRST_FAULT_BACKOFF.multipliedBy(1L << Math.min(Math.max(this.faults - 1, 0), 10));
		return (backoff.compareTo(MAX_FAULT_BACKOFF) < 0) ? backoff : MAX_FAULT_BACKOFF;
	}

	void markDispatched(Instant now, long dispatch) {
		this.dispatchedAt = now;
		this.dispatch = dispatch;
	}

	Instant dispatchedAt() {
		return this.dispatchedAt;
	}

	long dispatch() {
		return this.dispatch;
	}

	/**
	 * The same run, to be replayed from its stored journal after its completion handler
	 * failed.
	 */
	RunTask afterCompletionFailure() {
		return next(null, this.completionFailures + 1, 0);
	}

	/**
	 * The same run, to be replayed from its stored journal after a fault of the database.
	 */
	RunTask afterFault() {
		return next(null, this.completionFailures, this.faults + 1);
	}

	/** The same run's next turn, replayed from the given journal (or the stored one). */
	RunTask continued(@Nullable List<JournalEntry> journal) {
		return next(journal, this.completionFailures, 0);
	}

	private RunTask next(@Nullable List<JournalEntry> journal, int completionFailures, int faults) {
		RunTask next = new RunTask(this.id, this.name, this.args, this.parentId, this.handler, this.context,
				this.traceContext, this.deadline, this.queue, false, null, journal, completionFailures, faults,
				this.leaseStart);
		next.dispatchedAt = this.dispatchedAt;
		next.dispatch = this.dispatch;
		return next;
	}

}
