package io.durable.workflow.journal;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Counts over the journal of all nodes, for health and metrics.
 *
 * @param inProgress runs in progress
 * @param waiting runs in progress that no node holds and that are not due yet: waiting
 * for a timer, an event or a child workflow
 * @param due runs due to be claimed by a node: woken, released, or left by a node that
 * died
 * @param unregistered those of the due runs whose workflow the node counting does not
 * register: it cannot run them, and they wait for a node that does (if any)
 * @param handlerFailing runs in progress whose completion handler failed: they are not
 * reported finished until a call of it commits, or it gives up
 * @param stalled runs in progress parked because their replay diverged from their
 * journal: they wait for a node whose code replays them, or for an operator to fail or
 * cancel them
 * @param oldestDue since when the longest-waiting due run of a workflow the node counting
 * registers has been due, or {@code null} if none is
 * @param failed runs that failed
 * @param asOf the time the counts were taken at, on the engine's clock
 */
public record JournalStatistics(long inProgress, long waiting, long due, long unregistered, long handlerFailing,
		long stalled, @Nullable Instant oldestDue, long failed, Instant asOf) {

	/**
	 * How long the longest-waiting due run of a workflow the node counting registers has
	 * waited to be claimed.
	 * @return the lag, zero when no run is due
	 */
	public Duration backlogLag() {
		return (this.oldestDue != null) ? Duration.between(this.oldestDue, this.asOf) : Duration.ZERO;
	}

}
