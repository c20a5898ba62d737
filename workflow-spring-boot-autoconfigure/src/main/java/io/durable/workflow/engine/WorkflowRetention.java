package io.durable.workflow.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.WorkflowState;
import io.durable.workflow.journal.RetentionStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Deletes finished workflows once they are older than their state's retention, on a
 * thread of its own: every interval, the node holding the retention lock deletes
 * top-level runs (with their children) in batches of bounded size, one transaction each,
 * renewing the lock before each batch. Does nothing when no retention is set.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class WorkflowRetention implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WorkflowRetention.class);

	private static final String LOCK = "retention";

	private final WorkflowEngine engine;

	private final Map<WorkflowState, Duration> retention;

	private final Duration interval;

	private final int batchSize;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * @param engine this node's engine
	 * @param retention how long finished runs are kept, by state; a state not in it is
	 * kept forever
	 * @param interval how often to look for runs to delete
	 * @param batchSize the most top-level runs deleted in one transaction
	 */
	public WorkflowRetention(WorkflowEngine engine, Map<WorkflowState, Duration> retention, Duration interval,
			int batchSize) {
		this.engine = engine;
		this.retention = new EnumMap<>(WorkflowState.class);
		this.retention.putAll(retention);
		this.interval = interval;
		this.batchSize = batchSize;
	}

	@Override
	public void start() {
		if (this.retention.isEmpty()) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("workflow-retention-");
		threads.setDaemon(true);
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(() -> {
			try {
				sweep();
			}
			catch (RuntimeException ex) {
				logger.warn(
						"Could not delete finished workflows past their retention; trying again in " + this.interval,
						ex);
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = this.executor;
		this.executor = null;
		if (current != null) {
			current.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * Deletes now what is past its retention, if this node holds the retention lock (or
	 * takes it), as the scheduled job does every interval.
	 * @return how many top-level runs were deleted
	 */
	public int sweep() {
		int deleted = 0;
		for (Map.Entry<WorkflowState, Duration> kept : this.retention.entrySet()) {
			Instant cutoff = this.engine.clock.now().minus(kept.getValue());
			int batch = this.batchSize;
			while (batch == this.batchSize) {
				Instant now = this.engine.clock.now();
				// Held for two intervals: if this node dies, another takes over after at
				// most that.
				if (!this.engine.journal.retention()
					.tryLock(LOCK, this.engine.settings.nodeId(), now, now.plus(this.interval.multipliedBy(2)))) {
					return deleted;
				}
				RetentionStore.Deleted batchDeleted = this.engine.journal.retention()
					.deleteFinished(kept.getKey(), cutoff, this.batchSize);
				batchDeleted.runs().forEach(this.engine.signals::forget);
				batch = batchDeleted.roots();
				deleted += batch;
			}
		}
		if (deleted > 0) {
			logger.info("Deleted " + deleted + " finished workflows past their retention");
		}
		return deleted;
	}

}
