package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.StepStart;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Journals step attempts as running, so that an attempt a crash cuts off is counted: the
 * next attempt carries the number after it. An attempt still running after half the delay
 * is journaled by the next {@link #tick} (so by the delay at the latest), together with
 * every other one due, in one commit whatever their number; an attempt that ends sooner
 * is journaled once, with its outcome. With no delay, each attempt is journaled before it
 * runs.
 */
public final class StepStarts {

	private final Journal journal;

	private final long delayNanos;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition settled = this.lock.newCondition();

	/**
	 * The attempts running on this node not journaled yet, by position and run id
	 * (guarded by the lock).
	 */
	private final Map<String, Attempt> pending = new HashMap<>();

	public StepStarts(Journal journal, Duration delay) {
		this.journal = journal;
		this.delayNanos = delay.toNanos();
	}

	/**
	 * How often {@link #tick} should run, or zero if attempts are journaled as they
	 * start.
	 */
	public Duration tickInterval() {
		return Duration.ofNanos(this.delayNanos / 2);
	}

	/**
	 * An attempt starts: with no delay, journals it now.
	 * @throws AbandonTurn if it cannot be journaled now: the database failed, or another
	 * node has taken the run over
	 */
	Attempt started(StepStart start) {
		Attempt attempt = new Attempt(start, System.nanoTime());
		if (this.delayNanos == 0) {
			recordNow(start);
			attempt.state = State.RECORDED;
			return attempt;
		}
		this.lock.lock();
		try {
			this.pending.put(key(start.runId(), start.sequence()), attempt);
		}
		finally {
			this.lock.unlock();
		}
		return attempt;
	}

	/** Journals the attempts that have run for the delay, all in one transaction. */
	public void tick() {
		long now = System.nanoTime();
		List<Attempt> due = new ArrayList<>();
		this.lock.lock();
		try {
			for (Attempt attempt : this.pending.values()) {
				if (attempt.state == State.PENDING && now - attempt.since >= this.delayNanos / 2) {
					attempt.state = State.WRITING;
					due.add(attempt);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (due.isEmpty()) {
			return;
		}
		boolean[] recorded = null;
		DataAccessException failure = null;
		try {
			recorded = this.journal.steps().recordStarts(due.stream().map((attempt) -> attempt.start).toList());
		}
		catch (DataAccessException ex) {
			failure = ex;
		}
		this.lock.lock();
		try {
			for (int i = 0; i < due.size(); i++) {
				Attempt attempt = due.get(i);
				attempt.failure = failure;
				attempt.state = (recorded == null) ? State.IN_DOUBT : recorded[i] ? State.RECORDED : State.UNRECORDED;
			}
			this.settled.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void recordNow(StepStart start) {
		boolean recorded;
		try {
			recorded = this.journal.steps().recordStarts(List.of(start))[0];
		}
		catch (DataAccessException ex) {
			throw AbandonTurn.journalUnavailable(start.runId(), ex);
		}
		if (!recorded) {
			throw AbandonTurn.leaseLost(start.runId());
		}
	}

	private static String key(String runId, int sequence) {
		return sequence + "/" + runId;
	}

	private enum State {

		/** Not journaled yet. */
		PENDING,

		/** Being journaled. */
		WRITING,

		/** Journaled as running. */
		RECORDED,

		/**
		 * Not journaled: it ended first, its position moved on meanwhile, or its run is
		 * over.
		 */
		UNRECORDED,

		/** Its write failed: it may or may not be journaled. */
		IN_DOUBT

	}

	/** An attempt running on this node (its state guarded by the lock). */
	final class Attempt {

		private final StepStart start;

		private final long since;

		private State state = State.PENDING;

		private @Nullable DataAccessException failure;

		private Attempt(StepStart start, long since) {
			this.start = start;
			this.since = since;
		}

		int number() {
			return this.start.attempt();
		}

		Instant startedAt() {
			return this.start.startedAt();
		}

		/**
		 * The attempt has ended: its outcome is to be journaled. Ends it as
		 * {@link #end()} does.
		 * @return the attempts the step's row records now, for the outcome to move it on
		 * from
		 * @throws AbandonTurn if the attempt may or may not be journaled: its write
		 * failed
		 */
		int journaledAttempts() {
			end();
			return switch (this.state) {
				case RECORDED -> this.start.attempt();
				case IN_DOUBT ->
					throw AbandonTurn.journalUnavailable(this.start.runId(), Objects.requireNonNull(this.failure));
				default -> this.start.journaledAttempts();
			};
		}

		/**
		 * Forgets the attempt, once a write of it in flight is done: it is not journaled
		 * later.
		 */
		void end() {
			StepStarts starts = StepStarts.this;
			starts.lock.lock();
			try {
				while (this.state == State.WRITING) {
					starts.settled.awaitUninterruptibly();
				}
				if (this.state == State.PENDING) {
					this.state = State.UNRECORDED;
				}
				starts.pending.remove(key(this.start.runId(), this.start.sequence()), this);
			}
			finally {
				starts.lock.unlock();
			}
		}

	}

}
