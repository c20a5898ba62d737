package io.durable.workflow.engine;

import java.time.Duration;

/**
 * How the engine runs on this node.
 *
 * <p>Internal API: it may change in any release.
 *
 * @param nodeId this node's identity in leases
 * @param maxParallelism how many workflow turns run at once on this node
 * @param pollInterval how often due work is claimed
 * @param leaseDuration how long a claimed run stays leased without renewal
 * @param shutdownTimeout how long shutdown waits for running turns
 */
public record EngineSettings(String nodeId, int maxParallelism, Duration pollInterval, Duration leaseDuration,
		Duration shutdownTimeout) {
}
