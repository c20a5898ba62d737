package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.LeaseRenewal;
import org.jspecify.annotations.Nullable;

/**
 * Keeps this node's leases alive with one transaction for all of them, and tells the
 * executor whether a run's lease is still safely held before it starts a step. A run's
 * lease is good until its last successful renewal (or its claim) plus the lease duration;
 * steps stop starting a safety margin before that, so two nodes never run a step of the
 * same run at once as long as their clocks agree within that margin. A run canceled, or
 * taken over by another node, is revoked: this node starts none of its steps any more.
 */
public final class LeaseKeeper {

	private final Journal journal;

	private final EngineClock clock;

	private final String nodeId;

	private final Duration duration;

	private final Duration margin;

	private volatile Instant lastRenewal = Instant.MIN;

	/**
	 * A time a test clock is about to show: no renewal is issued before it (guarded by
	 * this).
	 */
	private Instant floor = Instant.MIN;

	/**
	 * Runs held whose lease the latest renewals skipped (another transaction had the run
	 * locked), with the renewal their lease was last extended by: theirs is good only
	 * until that one's end.
	 */
	private final Map<String, Instant> notExtended = new ConcurrentHashMap<>();

	/** Runs this node must not go on with: canceled, or taken over by another node. */
	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	public LeaseKeeper(Journal journal, EngineClock clock, String nodeId, Duration duration) {
		this.journal = journal;
		this.clock = clock;
		this.nodeId = nodeId;
		this.duration = duration;
		this.margin = duration.dividedBy(5);
	}

	public Instant leaseUntil(Instant now) {
		return now.plus(this.duration);
	}

	public Duration renewalInterval() {
		return this.duration.dividedBy(3);
	}

	/**
	 * Renews every lease of this node that is committed by now; a failure leaves the
	 * leases to run out, which stops this node's steps before any other node can claim
	 * the runs.
	 * @param holdsRuns whether any run is in flight on this node (nothing to write
	 * otherwise)
	 * @return the runs this node still holds, or {@code null} if there was nothing to
	 * renew
	 */
	synchronized @Nullable Set<String> renew(boolean holdsRuns) {
		Instant now = this.clock.now();
		Instant issued = (now.isBefore(this.floor)) ? this.floor : now;
		if (!holdsRuns) {
			this.notExtended.clear();
			this.lastRenewal = issued;
			return null;
		}
		LeaseRenewal renewal = this.journal.leases().renewLeases(this.nodeId, leaseUntil(issued));
		Instant previous = this.lastRenewal;
		this.notExtended.keySet().removeIf((id) -> !renewal.held().contains(id) || renewal.extended().contains(id));
		for (String id : renewal.held()) {
			if (!renewal.extended().contains(id)) {
				this.notExtended.putIfAbsent(id, previous);
			}
		}
		this.lastRenewal = issued;
		return renewal.held();
	}

	/**
	 * Renews every lease of this node as of a time a test clock is about to show, so that
	 * moving the clock costs this node none of them; no later renewal is issued before
	 * that time.
	 */
	synchronized Set<String> renewAt(Instant time) {
		if (time.isAfter(this.floor)) {
			this.floor = time;
		}
		return Objects.requireNonNull(renew(true));
	}

	/** Stops this node's steps of a run at once. */
	void revoke(String id) {
		this.revoked.add(id);
	}

	/** Lets this node run a run it has claimed (again). */
	void forget(String id) {
		this.revoked.remove(id);
	}

	boolean isRevoked(String id) {
		return this.revoked.contains(id);
	}

	public boolean isHeld(RunTask task, Instant now) {
		if (this.revoked.contains(task.id())) {
			return false;
		}
		Instant renewed = this.notExtended.getOrDefault(task.id(), this.lastRenewal);
		Instant from = (task.dispatchedAt().isBefore(renewed)) ? renewed : task.leaseStart;
		return now.isBefore(from.plus(this.duration).minus(this.margin));
	}

}
