package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

/** How a workflow turn ended, and so what the dispatcher does with its run next. */
public sealed interface TurnOutcome {

	/**
	 * The outcome as a turn's observation names it.
	 * @return the final state in lower case, {@code suspended}, {@code retried},
	 * {@code parked} or {@code released}
	 */
	default String observedAs() {
		if (this instanceof Finished finished) {
			return finished.outcome().state().name().toLowerCase(Locale.ROOT);
		}
		if (this instanceof Suspended) {
			return "suspended";
		}
		if (this instanceof Parked) {
			return "parked";
		}
		return (this instanceof Retry) ? "retried" : "released";
	}

	/**
	 * The journal or the database could not be reached: run the turn again after a
	 * backoff that grows with each such turn in a row.
	 */
	TurnOutcome RETRY = new Retry(null);

	/** This node stopped running the run without finishing it: give it up to any node. */
	TurnOutcome RELEASE = new Release();

	/**
	 * The run finished.
	 *
	 * @param outcome how, as stored
	 * @param canceledChildren the runs canceled with it (its children in progress and
	 * theirs)
	 */
	record Finished(RunOutcome outcome, List<String> canceledChildren) implements TurnOutcome {
	}

	/**
	 * Run the turn again later: after {@code delay} (its completion handler failed), or
	 * (when {@code null}, see {@link #RETRY}) after a fault's backoff.
	 *
	 * @param delay how long to wait first, or {@code null}
	 */
	record Retry(@Nullable Duration delay) implements TurnOutcome {
	}

	/**
	 * The run's replay diverged from its journal: give it up with the reason, for any
	 * node to try again later (one whose code replays it goes on).
	 *
	 * @param reason what diverged, and how to fix it
	 * @param parallel completes when the parallel steps still in flight have finished, or
	 * {@code null}
	 */
	record Parked(String reason, @Nullable CompletableFuture<Void> parallel) implements TurnOutcome {
	}

	/** See {@link #RELEASE}. */
	record Release() implements TurnOutcome {
	}

	/**
	 * The run waits: for its parallel steps still in flight (if any), then until
	 * {@code wakeAt} (if set), and then continues with the journal as it will be then.
	 *
	 * @param parallel completes when the parallel steps in flight have finished, or
	 * {@code null}
	 * @param wakeAt when to continue, or {@code null} as soon as the parallel steps are
	 * done
	 * @param external whether the run waits for something from outside this node (an
	 * event): it is then released, due at {@code wakeAt} (a deadline) or when that
	 * arrives
	 * @param seenSignals for an external wait, the run's signal count seen before looking
	 * @param journal the journal to continue with, read once the parallel steps are done
	 */
	record Suspended(@Nullable CompletableFuture<Void> parallel, @Nullable Instant wakeAt, boolean external,
			long seenSignals, Supplier<List<JournalEntry>> journal) implements TurnOutcome {
	}

}
