package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.durable.workflow.journal.NodeLiveness;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes dead nodes' runs over without waiting for their leases
 * ({@code workflow.lease.fast-takeover}, where the database can lock for a node): keeps
 * this node's liveness lock once per poll, and makes the runs of nodes whose lock is gone
 * due now. A node that lost its own lock (its connection broke) stops its runs, so that
 * others may take them over, and makes them due once it holds its lock again. Only the
 * claim loop's thread calls it.
 */
final class FastTakeover implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(FastTakeover.class);

	private final NodeLiveness liveness;

	private final String nodeId;

	/**
	 * How long this node holds its lock before it takes others' runs over: after a
	 * restart of PostgreSQL, every node takes its lock again first.
	 */
	private final Duration settled;

	/**
	 * Whether this node lost its lock and has not yet made the runs it stopped then due
	 * again.
	 */
	private boolean stoppedRunsLeft;

	FastTakeover(NodeLiveness liveness, String nodeId, Duration pollInterval) {
		this.liveness = liveness;
		this.nodeId = nodeId;
		Duration threePolls = pollInterval.multipliedBy(3);
		this.settled = (threePolls.compareTo(Duration.ofSeconds(1)) > 0) ? threePolls : Duration.ofSeconds(1);
	}

	/**
	 * Holds this node's lock, and takes dead nodes' runs over.
	 * @param held the runs this node holds now
	 * @param stop stops a run held here
	 */
	void tick(Instant now, Supplier<Set<String>> held, Consumer<String> stop) {
		Instant before = this.liveness.heldSince();
		boolean holds = this.liveness.hold(now);
		if (before != null && !before.equals(this.liveness.heldSince())) {
			logger.warn("Node '" + this.nodeId + "' lost its liveness lock; it stops the workflow runs it"
					+ " holds, which other nodes may take over now");
			held.get().forEach(stop);
			this.stoppedRunsLeft = true;
		}
		if (holds && this.stoppedRunsLeft) {
			// Not waiting for the leases of the runs stopped: any node (this one too)
			// claims them now.
			this.stoppedRunsLeft = !this.liveness.makeOwnRunsDue(now, held.get());
		}
		Instant since = this.liveness.heldSince();
		if (holds && since != null && !since.plus(this.settled).isAfter(now)) {
			this.liveness.takeOverDeadNodes(now);
		}
	}

	@Override
	public void close() {
		this.liveness.close();
	}

}
