package io.durable.workflow.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the engine of this node is doing now, for health and metrics.
 *
 * <p>
 * Internal API: it may change in any release.
 *
 * @param nodeId this node's identity in leases
 * @param running whether the engine is started
 * @param lastClaimLoopRun when the loop claiming due runs last ran, or {@code null} if it
 * never did
 * @param maxParallelism how much work may run at once
 * @param activeWork workflow turns and parallel steps running now
 * @param queuedWork workflow turns and parallel steps waiting for a thread
 * @param executingRuns workflow runs whose turn is running now
 */
public record EngineStatus(String nodeId, boolean running, @Nullable Instant lastClaimLoopRun, int maxParallelism,
		int activeWork, int queuedWork, int executingRuns) {
}
