package io.durable.workflow.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;

/**
 * A clock for tests that only moves when told to, so that a workflow sleeping for a month
 * is tested in milliseconds. Declare it as the engine's clock (the bean named
 * {@code workflowClock}), then move time forward once the run waits; the engine wakes
 * whatever became due at once:
 *
 * <pre>{@code
 * &#64;TestConfiguration
 * class Clocks {
 *

&#64;Bean
 *   WorkflowTestClock workflowClock() {
 *     return new WorkflowTestClock();
 *   }
 * }
 *
 * clock.advanceWhenWaiting(id, Duration.ofDays(30));
 * }</pre>
 *
 * Moving time never costs an engine on this clock its leases: each renews the leases of
 * its runs as of the new time before the clock shows it.
 */
public final class WorkflowTestClock extends Clock {

	private static final Duration WAITING_TIMEOUT = Duration.ofSeconds(30);

	private final List<Participant> participants = new CopyOnWriteArrayList<>();

	private volatile Instant now;

	/** A clock starting at the current time. */
	public WorkflowTestClock() {
		this(Instant.now());
	}

	/**
	 * A clock starting at the given time.
	 * @param start the time it shows until moved
	 */
	public WorkflowTestClock(Instant start) {
		this.now = Objects.requireNonNull(start, "start");
	}

	/**
	 * Moves time forward.
	 * @param duration how far, not negative
	 */
	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Time only moves forward, got " + duration);
		}
		set(this.now.plus(duration));
	}

	/**
	 * Waits until the run waits (for a time, an event or its child workflows, each of
	 * them waiting too), then moves time forward; a test that moves time before the run
	 * reaches its wait would leave the wait a whole duration away.
	 * @param id the run
	 * @param duration how far, not negative
	 * @throws IllegalStateException if the run has finished, or does not wait within 30
	 * seconds
	 * @throws WorkflowNotFoundException if there is no such run
	 */
	public void advanceWhenWaiting(WorkflowId id, Duration duration) {
		awaitWaiting(id);
		advance(duration);
	}

	/**
	 * Waits until the run waits: for a time, an event or its child workflows, each of
	 * them waiting too, on an engine that uses this clock. Nothing of it runs until time
	 * moves or what it waits for arrives.
	 * @param id the run
	 * @throws IllegalStateException if the run has finished, or does not wait within 30
	 * seconds
	 * @throws WorkflowNotFoundException if there is no such run
	 */
	public void awaitWaiting(WorkflowId id) {
		long deadline = System.nanoTime() + WAITING_TIMEOUT.toNanos();
		while (!isWaiting(id)) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(
						"Workflow run '" + id.value() + "' did not wait within " + WAITING_TIMEOUT.toSeconds()
								+ " s: it is still running, or is held by a node on another clock");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
		}
	}

	/**
	 * Whether the run waits now: for a time, an event or its child workflows, each of
	 * them waiting too, on an engine that uses this clock.
	 * @param id the run
	 * @return {@code false} while it, or one of its children, runs
	 * @throws IllegalStateException if the run has finished, or no engine uses this clock
	 * @throws WorkflowNotFoundException if there is no such run
	 */
	public boolean isWaiting(WorkflowId id) {
		if (this.participants.isEmpty()) {
			throw new IllegalStateException(
					"No workflow engine uses this clock: declare it as the bean named 'workflowClock'");
		}
		return this.participants.stream().anyMatch((participant) -> participant.isWaiting(id));
	}

	/**
	 * Moves time to the given instant.
	 * @param time the new time
	 */
	public void set(Instant time) {
		Objects.requireNonNull(time, "time");
		this.participants.forEach((participant) -> participant.timeMoving(time));
		this.now = time;
		this.participants.forEach(Participant::timeMoved);
	}

	/**
	 * Lets a workflow engine follow this clock. Called by the engine, not by tests.
	 * @param participant the engine's side
	 */
	public void attach(Participant participant) {
		this.participants.add(participant);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		WorkflowTestClock source = this;
		return new Clock() {

			@Override
			public Instant instant() {
				return source.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return source.withZone(other);
			}

		};
	}

	/**
	 * A workflow engine's side of the clock. Implemented by the engine, not by tests.
	 */
	public interface Participant {

		/**
		 * Called before the clock shows a new time: the engine renews its leases as of
		 * then.
		 * @param time the time the clock is about to show
		 */
		void timeMoving(Instant time);

		/** Called once the clock shows the new time: the engine wakes what became due. */
		void timeMoved();

		/**
		 * Whether the run waits on this engine's watch: for a time, an event or its child
		 * workflows, each of them waiting too.
		 * @param id the run
		 * @return {@code false} while it runs here or elsewhere
		 * @throws IllegalStateException if it has finished
		 * @throws WorkflowNotFoundException if there is no such run
		 */
		boolean isWaiting(WorkflowId id);

	}

}
