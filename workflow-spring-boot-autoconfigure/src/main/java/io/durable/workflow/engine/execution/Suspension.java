package io.durable.workflow.engine.execution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Unwinds a workflow turn that must wait: until a time, until its parallel steps finish,
 * or (an external wait) until something from outside this node arrives, such as an event.
 * The run continues later in a new turn, replayed from its journal. An {@link Error}, so
 * that workflow code catching {@code Exception} cannot swallow it.
 */
final class Suspension extends Error {

	private static final long serialVersionUID = 1L;

	private final @Nullable Instant wakeAt;

	private final boolean external;

	private final long seenSignals;

	Suspension(@Nullable Instant wakeAt) {
		super(null, null, false, false);
		this.wakeAt = wakeAt;
		this.external = false;
		this.seenSignals = 0;
	}

	/**
	 * A wait for a signal from outside this node (an event).
	 * @param deadline when to wake if nothing arrives, or {@code null}
	 * @param seenSignals the run's signal count seen before looking for what arrived
	 */
	static Suspension external(@Nullable Instant deadline, long seenSignals) {
		return new Suspension(deadline, seenSignals);
	}

	private Suspension(@Nullable Instant deadline, long seenSignals) {
		super(null, null, false, false);
		this.wakeAt = deadline;
		this.external = true;
		this.seenSignals = seenSignals;
	}

	/**
	 * Whether the run waits for something from outside this node (then {@link #wakeAt()}
	 * is a deadline).
	 */
	boolean external() {
		return this.external;
	}

	/**
	 * For an external wait: the run's signal count seen before looking for what arrived.
	 */
	long seenSignals() {
		return this.seenSignals;
	}

	/**
	 * When to continue, or {@code null} once the parallel steps in flight have finished
	 * (or, for an external wait, when what it waits for arrives).
	 */
	@Nullable Instant wakeAt() {
		return this.wakeAt;
	}

}
