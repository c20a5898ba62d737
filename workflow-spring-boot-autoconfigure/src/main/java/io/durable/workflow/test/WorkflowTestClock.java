package io.durable.workflow.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock for tests that only moves when told to, so that a workflow sleeping for a month is
 * tested in milliseconds. Declare it as the engine's clock, then move time forward; the engine
 * wakes whatever became due at once:
 *
 * <pre>{@code
 * @TestConfiguration
 * class Clocks {
 *   @Bean
 *   WorkflowTestClock workflowClock() {
 *     return new WorkflowTestClock();
 *   }
 * }
 *
 * clock.advance(Duration.ofDays(30));
 * }</pre>
 *
 * Moving time past {@code workflow.lease.duration} while a workflow is running makes it resume
 * from its journal, as after a crash; move time while workflows wait.
 */
public final class WorkflowTestClock extends Clock {

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

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
	 * Moves time to the given instant.
	 * @param time the new time
	 */
	public void set(Instant time) {
		this.now = Objects.requireNonNull(time, "time");
		this.listeners.forEach(Runnable::run);
	}

	/**
	 * Registers something to run whenever time is moved (the engine uses this to wake due work).
	 * @param listener what to run
	 */
	public void onChange(Runnable listener) {
		this.listeners.add(listener);
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

}
