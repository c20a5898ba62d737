package io.durable.workflow.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.durable.workflow.engine.EngineStatus;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.journal.JournalStatistics;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code workflows} health of this node: DOWN when the journal cannot be read (or
 * does not answer in time) or this node's claim loop has stopped running, OUT_OF_SERVICE
 * when due runs of workflows this node runs wait too long for any node to claim them, UP
 * otherwise; with the counts of runs in progress, waiting, due (and of those, of
 * workflows this node does not register) and failed. Runs this node cannot run never make
 * it DOWN or OUT_OF_SERVICE. The counts are read on a thread of their own, one read at a
 * time: a check during an outage answers after the timeout, while the read that is stuck
 * goes on.
 */
public class WorkflowHealthIndicator extends AbstractHealthIndicator {

	private final WorkflowMonitor engine;

	private final Duration claimLoopTimeout;

	private final Duration backlogLagThreshold;

	private final Duration timeout;

	private final AtomicReference<@Nullable CompletableFuture<JournalStatistics>> reading = new AtomicReference<>();

	/**
	 * @param engine this node's engine
	 * @param claimLoopTimeout how long ago the claim loop may have last run
	 * @param backlogLagThreshold how long a due run may wait to be claimed
	 * @param timeout how long to wait for the journal's counts
	 */
	public WorkflowHealthIndicator(WorkflowMonitor engine, Duration claimLoopTimeout, Duration backlogLagThreshold,
			Duration timeout) {
		super("Workflow health check failed");
		this.engine = engine;
		this.claimLoopTimeout = claimLoopTimeout;
		this.backlogLagThreshold = backlogLagThreshold;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		EngineStatus status = this.engine.status();
		JournalStatistics statistics;
		try {
			statistics = read().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			builder.down()
				.withDetail("node", status.nodeId())
				.withDetail("reason", "The journal did not answer within " + this.timeout);
			return;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		builder.up()
			.withDetail("node", status.nodeId())
			.withDetail("inProgress", statistics.inProgress())
			.withDetail("waiting", statistics.waiting())
			.withDetail("due", statistics.due())
			.withDetail("unregistered", statistics.unregistered())
			.withDetail("handlerFailing", statistics.handlerFailing())
			.withDetail("stalled", statistics.stalled())
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

	/** The read of the counts in flight, or a new one. */
	private CompletableFuture<JournalStatistics> read() {
		CompletableFuture<JournalStatistics> current = this.reading.get();
		if (current != null && !current.isDone()) {
			return current;
		}
		CompletableFuture<JournalStatistics> next = new CompletableFuture<>();
		if (!this.reading.compareAndSet(current, next)) {
			return read();
		}
		Thread reader = new Thread(() -> {
			try {
				next.complete(this.engine.statistics());
			}
			catch (RuntimeException ex) {
				next.completeExceptionally(ex);
			}
		}, "workflow-health");
		reader.setDaemon(true);
		reader.start();
		return next;
	}

}
