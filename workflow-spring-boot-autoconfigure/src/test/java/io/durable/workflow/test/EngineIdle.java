package io.durable.workflow.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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

	/**
	 * Waits until the engine's claim loop has run at or after the clock's time (a test
	 * clock's move makes it run), and so has canceled the runs past their deadline and
	 * claimed the runs due as of then.
	 */
	public static void awaitClaimLoopAtTheClocksTime(WorkflowEngine engine, Clock clock) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		org.awaitility.Awaitility.await("the claim loop's run at " + now).atMost(Duration.ofSeconds(20)).until(() -> {
			Instant polled = engine.status().lastClaimLoopRun();
			return polled != null && !polled.isBefore(now);
		});
	}

	private static boolean idle(EngineStatus status) {
		return status.executingRuns() == 0 && status.activeWork() == 0 && status.queuedWork() == 0;
	}

}
