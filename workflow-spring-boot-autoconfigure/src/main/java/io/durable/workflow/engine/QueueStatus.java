package io.durable.workflow.engine;

import java.time.Duration;
import java.util.List;

import io.durable.workflow.journal.QueueStore.QueueCounts;
import org.jspecify.annotations.Nullable;

/**
 * A named queue: its limits as this node has them, and its runs in progress on all nodes.
 *
 * @param name its name
 * @param concurrency how many of its runs execute at once across nodes, or {@code null}
 * @param perNodeConcurrency how many execute at once on one node, or {@code null}
 * @param rateLimit how many begin to execute per period, or {@code null}
 * @param ratePeriod the rate limit's period, or {@code null}
 * @param workflows the workflows whose runs it takes by default
 * @param runs its runs in progress
 * @param longestWait how long the longest-waiting of its due runs has waited for room in
 * it, zero if none waits
 * @param configured whether this node configures it: the runs of a queue it does not
 * (renamed or removed since they were started) wait, claimed by no node without it
 */
public record QueueStatus(String name, @Nullable Integer concurrency, @Nullable Integer perNodeConcurrency,
		@Nullable Integer rateLimit, @Nullable Duration ratePeriod, List<String> workflows, QueueCounts runs,
		Duration longestWait, boolean configured) {
}
