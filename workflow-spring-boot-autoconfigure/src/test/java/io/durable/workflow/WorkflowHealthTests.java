package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.durable.workflow.actuate.WorkflowHealthIndicator;
import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.FailureWorkflow;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code workflows} health indicator: UP with the journal's counts; OUT_OF_SERVICE
 * once due work has waited too long for a node; DOWN once this node's engine or claim
 * loop stops.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.health.claim-loop-timeout=1m", "workflow.health.backlog-lag-threshold=5m" })
@Import(TestClockConfiguration.class)
abstract class WorkflowHealthTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowHealthIndicator indicator;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void restartTheEngine() {
		if (!this.engine.isRunning()) {
			this.engine.start();
		}
	}

	@Test
	void upWithTheCountsOfRunsInProgressWaitingDueAndFailed() {
		Map<String, Object> before = this.indicator.health(true).getDetails();
		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		WorkflowId failed = this.client.start(FailureWorkflow.class, FailureWorkflow::fail);
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(failed, String.class, TIMEOUT));

		Health health = await().atMost(TIMEOUT)
			.until(() -> this.indicator.health(true),
					(current) -> count(current, "waiting") == count(before, "waiting") + 1);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(count(health, "inProgress")).isEqualTo(count(before, "inProgress") + 1);
		assertThat(count(health, "failed")).isEqualTo(count(before, "failed") + 1);
		assertThat(count(health, "due")).isZero();
		assertThat(health.getDetails()).containsEntry("node", this.engine.status().nodeId())
			.containsKey("claimLoopLastRun")
			.doesNotContainKeys("backlogLag", "reason");
		this.client.cancel(waiting);
	}

	@Test
	void outOfServiceWhileDueWorkWaitsLongerThanTheThresholdForANode() {
		// A run of a workflow this node runs, due for 6 minutes: the claim loop does not
		// run again
		// after its first run (the test clock does not move), as if the nodes could not
		// keep up.
		EngineIdle.awaitClaimLoop(this.engine);
		new JournalRows(this.jdbc).run("unclaimed", "text", "[\"x\"]", null,
				this.clock.instant().minus(Duration.ofMinutes(6)));
		try {
			Health health = this.indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(count(health, "due")).isEqualTo(1);
			assertThat(backlogLag(health)).isCloseTo(Duration.ofMinutes(6), Duration.ofMillis(1));
			assertThat((String) health.getDetails().get("reason"))
				.startsWith("1 due workflow runs wait to be claimed, the oldest for "
						+ health.getDetails().get("backlogLag"))
				.endsWith(" (threshold PT5M)");
		}
		finally {
			this.jdbc.sql("DELETE FROM workflow_run WHERE id = 'unclaimed'").update();
		}
		assertThat(this.indicator.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void runsOfAWorkflowThisNodeDoesNotRegisterAreCountedButNeverTakeItOutOfService() {
		// A run of a workflow no node registers (a deploy removed it), due for longer
		// than three
		// poll intervals (an hour here).
		new JournalRows(this.jdbc).run("orphan", "removed-workflow", "[]", null,
				this.clock.instant().minus(Duration.ofHours(4)));
		try {
			Health health = this.indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(count(health, "due")).isEqualTo(1);
			assertThat(count(health, "unregistered")).isEqualTo(1);
			assertThat(health.getDetails()).doesNotContainKeys("backlogLag", "reason");
			WorkflowStatus status = this.client.status(WorkflowId.of("orphan"));
			assertThat(status).isInstanceOfSatisfying(WorkflowStatus.InProgress.class,
					(inProgress) -> assertThat(inProgress.stalled())
						.hasValueSatisfying((reason) -> assertThat(reason).startsWith(
								"No node has registered workflow 'removed-workflow': the run has been due since ")));
		}
		finally {
			this.jdbc.sql("DELETE FROM workflow_run WHERE id = 'orphan'").update();
		}
	}

	@Test
	void downOnceTheEngineStopsAndOnceItsClaimLoopHasNotRunForTheTimeout() {
		Instant lastRun = await().atMost(TIMEOUT)
			.until(() -> this.engine.status().lastClaimLoopRun(), (run) -> run != null);
		this.engine.stop();

		Health stopped = this.indicator.health(true);
		assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
		assertThat(stopped.getDetails()).containsEntry("reason", "The workflow engine of this node is stopped");

		this.clock.advance(Duration.ofMinutes(2));

		Health stale = this.indicator.health(true);
		assertThat(stale.getStatus()).isEqualTo(Status.DOWN);
		assertThat(stale.getDetails()).containsEntry("reason",
				"The claim loop of this node has not run for more than PT1M (last run " + lastRun + ")");
		this.engine.start();
		await().atMost(TIMEOUT).until(() -> this.indicator.health(true).getStatus(), Status.UP::equals);
	}

	private static Duration backlogLag(Health health) {
		return Duration.parse((String) health.getDetails().get("backlogLag"));
	}

	private static long count(Health health, String detail) {
		return count(health.getDetails(), detail);
	}

	private static long count(Map<String, Object> details, String detail) {
		return ((Number) details.get(detail)).longValue();
	}

}
