package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.engine.EngineClock;
import org.jspecify.annotations.Nullable;

/**
 * Wakes work held in memory at a time of the engine's clock. Timers are armed with the
 * real delay and check the clock when they fire, so a test clock that is moved (and
 * {@link #fireDue()}) wakes them at once, and one that stands still keeps them waiting.
 */
public final class WakeTimers {

	private final EngineClock clock;

	private final Set<Wake> pending = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ScheduledExecutorService timer;

	public WakeTimers(EngineClock clock) {
		this.clock = clock;
	}

	public void start(ScheduledExecutorService timer) {
		this.timer = timer;
	}

	/** Runs {@code action} once the clock reaches {@code at}. */
	void schedule(Instant at, Runnable action) {
		Wake wake = new Wake(at, action);
		this.pending.add(wake);
		arm(wake);
	}

	/** Runs every action whose time has come, now. */
	public void fireDue() {
		Instant now = this.clock.now();
		for (Wake wake : this.pending) {
			if (!now.isBefore(wake.at)) {
				fire(wake);
			}
		}
	}

	private void arm(Wake wake) {
		ScheduledExecutorService current = this.timer;
		long delay = Math.max(0, Duration.between(this.clock.now(), wake.at).toMillis());
		try {
			if (current == null) {
				throw new RejectedExecutionException("The workflow engine is not running");
			}
			current.schedule(() -> check(wake), delay, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopping: the run is released with the engine's other held runs.
			this.pending.remove(wake);
		}
	}

	private void check(Wake wake) {
		if (this.clock.now().isBefore(wake.at)) {
			arm(wake);
		}
		else {
			fire(wake);
		}
	}

	private void fire(Wake wake) {
		if (this.pending.remove(wake)) {
			wake.action.run();
		}
	}

	void clear() {
		this.pending.clear();
	}

	private static final class Wake {

		final Instant at;

		final Runnable action;

		Wake(Instant at, Runnable action) {
			this.at = at;
			this.action = action;
		}

	}

}
