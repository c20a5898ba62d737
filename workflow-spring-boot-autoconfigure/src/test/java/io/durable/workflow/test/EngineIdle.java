package io.durable.workflow.test;

import java.time.Duration;

import io.durable.workflow.engine.EngineStatus;
import io.durable.workflow.engine.WorkflowEngine;

/**
 * Waits for a node's engine to have done the work it had: no turn or step running or
 * queued. What a test asserts as not having happened then cannot happen later by the work
 * in hand.
 */
public final class EngineIdle {

	private EngineIdle() {
	}

	/** Waits until the engine runs and queues nothing, up to 20 seconds. */
	public static void await(WorkflowEngine engine) {
		org.awaitility.Awaitility.await("the engine idle")
			.atMost(Duration.ofSeconds(20))
			.until(engine::status, EngineIdle::idle);
	}

	/**
	 * Waits until the engine's claim loop has run, as it does once right after the engine
	 * starts: a run made due after that waits for the loop's next run (a poll interval,
	 * or the test clock's next move).
	 */
	public static void awaitClaimLoop(WorkflowEngine engine) {
		org.awaitility.Awaitility.await("the claim loop's first run")
			.atMost(Duration.ofSeconds(20))
			.until(() -> engine.status().lastClaimLoopRun() != null);
	}

	private static boolean idle(EngineStatus status) {
		return status.executingRuns() == 0 && status.activeWork() == 0 && status.queuedWork() == 0;
	}

}
