package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.FamilyWorkflows;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import io.durable.workflow.testapp.TimeWorkflows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The test clock as users' tests drive it: moving it keeps this node's leases, and
 * {@code advanceWhenWaiting} moves it only once the whole family of a run waits.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(TestClockConfiguration.class)
abstract class TimeSkippingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	GatedWorkflow.Steps gates;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Test
	void movingTheClockFarWhileAStepRunsKeepsTheLease() {
		WorkflowId id = this.client.start(GatedWorkflow.class, GatedWorkflow::run);
		await().atMost(TIMEOUT).until(() -> this.counter.count(id.value(), "gate") == 1);

		this.clock.advance(Duration.ofDays(30));

		assertThat(this.jdbc.sql("select owner from workflow_run where id = ?")
			.param(id.value())
			.query(String.class)
			.single()).isEqualTo(this.engine.status().nodeId());
		Instant leaseEnd = this.jdbc.sql("select due_at from workflow_run where id = ?")
			.param(id.value())
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		assertThat(leaseEnd).isAfter(this.clock.instant());
		this.gates.open(id.value());
		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("next");
		assertThat(this.counter.count(id.value(), "gate")).isEqualTo(1);
		assertThat(this.counter.count(id.value(), "next")).isEqualTo(1);
	}

	@Test
	void advanceWhenWaitingWaitsForAShortSleepInMemory() {
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofSeconds(5)));

		this.clock.advanceWhenWaiting(id, Duration.ofSeconds(5));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after");
	}

	@Test
	void advanceWhenWaitingWaitsForTheChildToWaitToo() {
		WorkflowId id = this.client.start(FamilyWorkflows.class,
				(workflow) -> workflow.parentOfSleeper(Duration.ofDays(1)));

		this.clock.advanceWhenWaiting(id, Duration.ofDays(1));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("child slept");
	}

	@Test
	void aRunningRunIsNotWaiting() {
		WorkflowId id = this.client.start(GatedWorkflow.class, GatedWorkflow::run);
		await().atMost(TIMEOUT).until(() -> this.counter.count(id.value(), "gate") == 1);

		assertThat(this.clock.isWaiting(id)).isFalse();
		this.gates.open(id.value());
		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("next");
	}

	@Test
	void awaitingAFinishedRunSaysSo() {
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ZERO));
		this.client.result(id, String.class, TIMEOUT);

		assertThatIllegalStateException().isThrownBy(() -> this.clock.awaitWaiting(id))
			.withMessage("Workflow run '" + id.value() + "' has finished (COMPLETED): it waits for nothing");
	}

	@Test
	void awaitingAnUnknownRunSaysSo() {
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.clock.awaitWaiting(WorkflowId.of("no-such-run")));
	}

}
