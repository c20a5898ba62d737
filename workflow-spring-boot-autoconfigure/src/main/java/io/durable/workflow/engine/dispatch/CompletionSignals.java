package io.durable.workflow.engine.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
	 * The longest return value remembered, in characters: a longer one is read back from
	 * the journal.
	 */
	private static final int REMEMBERED_RESULT = 4096;

	private final ConcurrentMap<String, CompletableFuture<RunOutcome>> waiting = new ConcurrentHashMap<>();

	/** The most recent outcomes, oldest first (guarded by itself). */
	private final Map<String, RunOutcome> recent = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, RunOutcome> eldest) {
			return size() > REMEMBERED;
		}

	};

	public CompletableFuture<RunOutcome> watch(String id) {
		return this.waiting.computeIfAbsent(id, (key) -> new CompletableFuture<>());
	}

	public void unwatch(String id, CompletableFuture<RunOutcome> signal) {
		this.waiting.remove(id, signal);
	}

	/**
	 * The outcome of a run that finished on this node lately, or {@code null} if it did
	 * not (or too long ago, or it was cleaned up here since).
	 */
	public @Nullable RunOutcome recent(String id) {
		synchronized (this.recent) {
			return this.recent.get(id);
		}
	}

	/** Forgets a run's outcome: it was cleaned up. */
	public void forget(String id) {
		synchronized (this.recent) {
			this.recent.remove(id);
		}
	}

	/**
	 * Hands the outcome of a run that finished here to its waiting callers, and keeps it.
	 */
	void finished(String id, RunOutcome outcome) {
		if (outcome.result() == null || outcome.result().length() <= REMEMBERED_RESULT) {
			synchronized (this.recent) {
				this.recent.put(id, outcome);
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

}
