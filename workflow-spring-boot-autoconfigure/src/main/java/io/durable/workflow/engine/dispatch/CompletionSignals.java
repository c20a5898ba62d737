package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

import io.durable.workflow.engine.EngineClock;
import org.jspecify.annotations.Nullable;

/**
 * Hands a run's outcome to callers waiting for it as soon as the run finishes on this
 * node, so they need not read it back from the database; and remembers the outcomes of
 * the runs that finished here most recently, for the callers that ask once they have.
 */
public final class CompletionSignals {

	/** How many finished runs' outcomes are remembered. */
	private static final int REMEMBERED = 4096;

	/**
	 * How long an outcome is remembered: a run cleaned up elsewhere and started again
	 * under its id answers from the journal after that.
	 */
	private static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);

	/**
	 * The longest return value remembered, in characters: a longer one is read back from
	 * the journal.
	 */
	private static final int REMEMBERED_RESULT = 4096;

	private final EngineClock clock;

	private final ConcurrentMap<String, CompletableFuture<RunOutcome>> waiting = new ConcurrentHashMap<>();

	/** The most recent outcomes, oldest first (guarded by itself). */
	private final Map<String, Remembered> recent = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
			return size() > REMEMBERED || eldest.getValue().expired(CompletionSignals.this.clock.now());
		}

	};

	public CompletionSignals(EngineClock clock) {
		this.clock = clock;
	}

	public CompletableFuture<RunOutcome> watch(String id) {
		return this.waiting.computeIfAbsent(id, (key) -> new CompletableFuture<>());
	}

	public void unwatch(String id, CompletableFuture<RunOutcome> signal) {
		this.waiting.remove(id, signal);
	}

	/**
	 * The outcome of a run that finished on this node within the last minute, or
	 * {@code null} if it did not (or it was cleaned up, or claimed, here since).
	 */
	public @Nullable RunOutcome recent(String id) {
		synchronized (this.recent) {
			Remembered remembered = this.recent.get(id);
			if (remembered == null || remembered.expired(this.clock.now())) {
				return null;
			}
			return remembered.outcome();
		}
	}

	/** Forgets a run's outcome: it was cleaned up, or a run of its id is in progress. */
	public void forget(String id) {
		synchronized (this.recent) {
			this.recent.remove(id);
		}
	}

	/**
	 * Hands the outcome of a run that finished here to its waiting callers, and keeps it
	 * unless a run of its id is held here again by then (cleaned up and started anew).
	 * @param heldHere whether this node holds a run of an id; {@link #forget} follows its
	 * taking one
	 */
	void finished(String id, RunOutcome outcome, Predicate<String> heldHere) {
		if (outcome.result() == null || outcome.result().length() <= REMEMBERED_RESULT) {
			synchronized (this.recent) {
				if (!heldHere.test(id)) {
					this.recent.put(id, new Remembered(outcome, this.clock.now().plus(REMEMBERED_FOR)));
				}
			}
		}
		signal(id, outcome);
	}

	/** Hands the outcome to the run's waiting callers only. */
	void signal(String id, RunOutcome outcome) {
		CompletableFuture<RunOutcome> signal = this.waiting.remove(id);
		if (signal != null) {
			signal.complete(outcome);
		}
	}

	private record Remembered(RunOutcome outcome, Instant until) {

		boolean expired(Instant now) {
			return now.isAfter(this.until);
		}

	}

}
