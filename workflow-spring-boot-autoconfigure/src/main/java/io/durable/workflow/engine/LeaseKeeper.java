package io.durable.workflow.engine;

import java.time.Duration;
import java.time.Instant;

import io.durable.workflow.journal.JournalStore;

/**
 * Keeps this node's leases alive with one statement for all of them, and tells the executor
 * whether a run's lease is still safely held before it starts a step. A run's lease is good
 * until its last successful renewal (or its claim) plus the lease duration; steps stop starting
 * a safety margin before that, so two nodes never run a step of the same run at once as long as
 * their clocks agree within that margin.
 */
final class LeaseKeeper {

	private final JournalStore store;

	private final EngineClock clock;

	private final String nodeId;

	private final Duration duration;

	private final Duration margin;

	private volatile Instant lastRenewal = Instant.MIN;

	LeaseKeeper(JournalStore store, EngineClock clock, String nodeId, Duration duration) {
		this.store = store;
		this.clock = clock;
		this.nodeId = nodeId;
		this.duration = duration;
		this.margin = duration.dividedBy(5);
	}

	Instant leaseUntil(Instant now) {
		return now.plus(this.duration);
	}

	Duration renewalInterval() {
		return this.duration.dividedBy(3);
	}

	/**
	 * Renews every lease of this node that is committed by now; a failure leaves the leases to
	 * run out, which stops this node's steps before any other node can claim the runs.
	 * @param holdsRuns whether any run is in flight on this node (nothing to write otherwise)
	 */
	void renew(boolean holdsRuns) {
		Instant issued = this.clock.now();
		if (holdsRuns) {
			this.store.renewLeases(this.nodeId, leaseUntil(issued));
		}
		this.lastRenewal = issued;
	}

	boolean isHeld(RunTask task, Instant now) {
		Instant renewed = this.lastRenewal;
		Instant from = (task.dispatchedAt().isBefore(renewed)) ? renewed : task.leaseStart;
		return now.isBefore(from.plus(this.duration).minus(this.margin));
	}

}
