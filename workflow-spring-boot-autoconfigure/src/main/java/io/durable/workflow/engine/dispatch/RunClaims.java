package io.durable.workflow.engine.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.journal.ClaimedRun;
import io.durable.workflow.journal.Journal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The dispatcher's statements on the journal: takes runs for this node with a fresh lease
 * and gives them back for any node to take. Taking one run and giving runs back meet
 * faults of the database quietly: the run is then left to its lease, which runs out, or
 * to the claim loop.
 */
final class RunClaims {

	private static final Log logger = LogFactory.getLog(RunClaims.class);

	private final Journal journal;

	private final WorkflowRegistry registry;

	private final LeaseKeeper leases;

	private final String nodeId;

	RunClaims(Journal journal, WorkflowRegistry registry, LeaseKeeper leases, String nodeId) {
		this.journal = journal;
		this.registry = registry;
		this.leases = leases;
		this.nodeId = nodeId;
	}

	/** Claims up to {@code limit} due runs of the workflows this node knows. */
	List<ClaimedRun> claimDue(Instant now, int limit) {
		return this.journal.runs()
			.claimDue(this.registry.names(), this.nodeId, now, this.leases.leaseUntil(now), limit);
	}

	/**
	 * Makes the parked runs of the workflows this node knows due now: its code may be the
	 * one that replays them.
	 */
	void retryParked(Instant now) {
		int parked = this.journal.runs().retryParked(this.registry.names(), now);
		if (parked > 0) {
			logger.info(parked + " parked workflow runs (their replay diverged from their journal) are tried again"
					+ " on this node's code");
		}
	}

	/**
	 * Claims the due runs of a queue its limits let start, of the workflows this node
	 * knows, up to {@code limit}; none when the database cannot be reached (the claim
	 * loop tries again).
	 */
	List<ClaimedRun> claimQueue(WorkflowQueues.Queue queue, Supplier<Instant> clock, int limit) {
		try {
			return this.journal.queues()
				.claim(queue.name(), this.registry.names(), queue.limits(), this.nodeId, clock, this.leases::leaseUntil,
						limit);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot claim the runs of queue '" + queue.name() + "' now; the claim loop tries again", ex);
			return List.of();
		}
	}

	/** The queue of a run in progress, if it has one and it can be read. */
	Optional<String> queueOf(String id) {
		try {
			return this.journal.queues().queueOf(id);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read the queue of workflow run '" + id + "'; the claim loop wakes it", ex);
			return Optional.empty();
		}
	}

	/** Claims one run if it is due, no node holds it and no queue limits it. */
	Optional<ClaimedRun> claim(String id, Instant now) {
		try {
			return this.journal.runs().claimRun(id, this.nodeId, now, this.leases.leaseUntil(now));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot wake workflow run '" + id + "' here; the claim loop wakes it", ex);
			return Optional.empty();
		}
	}

	/** Gives a run back, due at the given time. */
	void release(String id, Instant dueAt) {
		try {
			this.journal.runs().releaseRun(id, this.nodeId, dueAt);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot release workflow run '" + id + "'; this node gives it back at a later lease renewal,"
					+ " or its lease runs out", ex);
		}
	}

	/**
	 * Parks a run whose replay diverged from its journal: given back with the reason, due
	 * again at {@code dueAt}.
	 */
	void park(String id, Instant dueAt, String reason) {
		try {
			this.journal.runs().parkRun(id, this.nodeId, dueAt, reason);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot park workflow run '" + id + "'; it is tried again once its lease runs out", ex);
		}
	}

	/**
	 * Gives back a run waiting for something from outside, due at its deadline or once
	 * that arrives.
	 * @param seenSignals the run's signal count seen before it looked
	 * @return whether it was given back
	 */
	boolean releaseWaiting(String id, @Nullable Instant deadline, long seenSignals, Instant now) {
		try {
			this.journal.runs().releaseWaiting(id, this.nodeId, deadline, seenSignals, now);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot release waiting workflow run '" + id + "'; it resumes once its lease runs out", ex);
			return false;
		}
	}

}
