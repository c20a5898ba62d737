package io.durable.workflow.engine;

import java.time.Duration;

import io.durable.workflow.engine.dispatch.WorkflowQueues;

/**
 * How the engine runs on this node.
 *
 * <p>
 * Internal API: it may change in any release.
 *
 * @param nodeId this node's identity in leases
 * @param maxParallelism how many workflow turns and steps run at once on this node
 * @param pollInterval how often due work is claimed
 * @param leaseDuration how long a claimed run stays leased without renewal; runs waiting
 * longer are released
 * @param shutdownTimeout how long shutdown waits for running work
 * @param inlineWait waits up to this long (short retry backoffs, imminent timers) hold
 * the thread instead of suspending the workflow
 * @param virtualThreads whether work runs on virtual threads (Java 21+)
 * @param completionAttempts calls in all of a completion handler that throws, before the
 * run's outcome is recorded without it
 * @param fastTakeover whether, on PostgreSQL, the runs of a node whose process died are
 * taken over at once rather than once their leases run out
 * @param attemptStartDelay how long a step attempt runs, at most, before the journal
 * records it as running; zero records each attempt before it runs
 * @param parkDivergence whether a run whose replay diverges from its journal is parked
 * (released with the reason, tried again later) rather than failed
 * @param divergenceRetry how long a parked run waits before a node tries it again
 * @param queues the named queues, their limits and their workflows
 */
public record EngineSettings(String nodeId, int maxParallelism, Duration pollInterval, Duration leaseDuration,
		Duration shutdownTimeout, Duration inlineWait, boolean virtualThreads, int completionAttempts,
		boolean fastTakeover, Duration attemptStartDelay, boolean parkDivergence, Duration divergenceRetry,
		WorkflowQueues queues) {
}
