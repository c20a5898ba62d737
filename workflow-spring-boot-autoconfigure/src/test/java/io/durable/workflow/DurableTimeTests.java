package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import io.durable.workflow.testapp.TimeWorkflows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable time on the engine's clock: sleeps, scheduled steps and delayed starts hold no
 * thread, long ones no memory, and they wake on time after restarts; a test clock runs a
 * month in milliseconds.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(TestClockConfiguration.class)
abstract class DurableTimeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMonthLongSleepEndsWhenTheClockGetsThere() {
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofDays(30)));
		this.clock.advanceWhenWaiting(id, Duration.ofDays(29));
		this.clock.awaitWaiting(id);
		assertThat(this.counter.count(id.value(), "after")).isZero();
		assertThat(steps(id)).extracting(StepInfo::name, StepInfo::state)
			.contains(org.assertj.core.groups.Tuple.tuple(StepInfo.SLEEP, StepState.WAITING));
		this.clock.advance(Duration.ofDays(1));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after");
		assertThat(steps(id)).extracting(StepInfo::name, StepInfo::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("mark", StepState.COMPLETED),
					org.assertj.core.groups.Tuple.tuple(StepInfo.SLEEP, StepState.COMPLETED),
					org.assertj.core.groups.Tuple.tuple("mark", StepState.COMPLETED));
	}

	@Test
	void aLongSleepHoldsNoLeaseAndSurvivesARestart() {
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofHours(3)));
		this.clock.awaitWaiting(id);
		assertThat(owner(id)).isNull();

		this.engine.stop();
		this.engine.start();
		this.clock.advance(Duration.ofHours(3));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after");
		assertThat(this.counter.count(id.value(), "before")).isEqualTo(1);
	}

	@Test
	void aShortSleepWaitsInMemory() {
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofSeconds(5)));
		this.clock.advanceWhenWaiting(id, Duration.ofSeconds(5));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after");
	}

	@Test
	void aSleepBelowTheSuspendThresholdHoldsTheThread() {
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofMillis(50)));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after");
	}

	@Test
	void runAfterDelaysAStep() {
		WorkflowId id = this.client.start(TimeWorkflows.class,
				(workflow) -> workflow.scheduledStep(Duration.ofDays(1)));
		this.clock.awaitWaiting(id);
		assertThat(this.counter.count(id.value(), "later")).isZero();

		this.clock.advance(Duration.ofDays(1));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("later");
		assertThat(this.counter.count(id.value(), "later")).isEqualTo(1);
	}

	@Test
	void runAtRunsAStepAtAnInstant() {
		Instant at = this.clock.instant().truncatedTo(ChronoUnit.MICROS).plus(Duration.ofHours(12));
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.stepAt(at));
		this.clock.awaitWaiting(id);

		this.clock.set(at);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("at");
		assertThat(steps(id).get(0).startedAt()).isEqualTo(at);
	}

	@Test
	void startOptionsRunAfterDelaysTheWholeWorkflow() {
		WorkflowId id = this.client.start(TimeWorkflows.class, TimeWorkflows::startedLater,
				StartOptions.defaults().runAfter(Duration.ofHours(6)));
		this.clock.awaitWaiting(id);
		assertThat(this.counter.count(id.value(), "started")).isZero();
		assertThat(this.client.status(id).state()).isEqualTo(WorkflowState.IN_PROGRESS);

		this.clock.advance(Duration.ofHours(6));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("started");
	}

	private List<StepInfo> steps(WorkflowId id) {
		return this.client.listSteps(id, ListQuery.first(10)).items();
	}

	private String owner(WorkflowId id) {
		return this.jdbc.sql("select owner from workflow_run where id = ?")
			.param(id.value())
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
