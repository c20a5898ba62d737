package io.durable.workflow.actuate;

import java.time.Duration;
import java.time.Instant;

import io.durable.workflow.engine.EngineStatus;
import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.journal.JournalStatistics;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code workflows} health of this node: DOWN when the journal cannot be read or this node's
 * claim loop has stopped running, OUT_OF_SERVICE when due runs wait too long for any node to
 * claim them, UP otherwise; with the counts of runs in progress, waiting, due and failed.
 */
public class WorkflowHealthIndicator extends AbstractHealthIndicator {

	private final WorkflowEngine engine;

	private final Duration claimLoopTimeout;

	private final Duration backlogLagThreshold;

	/**
	 * @param engine this node's engine
	 * @param claimLoopTimeout how long ago the claim loop may have last run
	 * @param backlogLagThreshold how long a due run may wait to be claimed
	 */
	public WorkflowHealthIndicator(WorkflowEngine engine, Duration claimLoopTimeout, Duration backlogLagThreshold) {
		super("Workflow health check failed");
		this.engine = engine;
		this.claimLoopTimeout = claimLoopTimeout;
		this.backlogLagThreshold = backlogLagThreshold;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		EngineStatus status = this.engine.status();
		JournalStatistics statistics = this.engine.statistics();
		builder.up()
			.withDetail("node", status.nodeId())
			.withDetail("inProgress", statistics.inProgress())
			.withDetail("waiting", statistics.waiting())
			.withDetail("due", statistics.due())
			.withDetail("failed", statistics.failed());
		Instant lastRun = status.lastClaimLoopRun();
		if (lastRun != null) {
			builder.withDetail("claimLoopLastRun", lastRun.toString());
		}
		Duration backlogLag = statistics.backlogLag();
		if (statistics.oldestDue() != null) {
			builder.withDetail("backlogLag", backlogLag.toString());
		}
		if (lastRun == null || Duration.between(lastRun, statistics.asOf()).compareTo(this.claimLoopTimeout) > 0) {
			builder.down()
				.withDetail("reason", "The claim loop of this node has not run for more than " + this.claimLoopTimeout
						+ ((lastRun != null) ? " (last run " + lastRun + ")" : ""));
		}
		else if (!status.running()) {
			builder.down().withDetail("reason", "The workflow engine of this node is stopped");
		}
		else if (backlogLag.compareTo(this.backlogLagThreshold) > 0) {
			builder.status(Status.OUT_OF_SERVICE)
				.withDetail("reason", statistics.due() + " due workflow runs wait to be claimed, the oldest for "
						+ backlogLag + " (threshold " + this.backlogLagThreshold + ")");
		}
	}

}
