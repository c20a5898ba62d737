package io.durable.workflow;

import java.time.Duration;
import java.util.List;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Retries: per step, per call, per workflow (annotation and properties) and by default;
 * each attempt recorded; a long backoff suspends the run, which survives a restart.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.retry.initial-backoff=5ms",
				"workflow.workflows.retry-by-properties.retry.actions-by-default=true",
				"workflow.workflows.retry-by-properties.retry.max-attempts=3" })
@Import(TestClockConfiguration.class)
abstract class RetryTests {

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
	void aStepWithRetryRunsUntilItSucceedsAndRecordsItsAttempts() {
		WorkflowId id = this.client.start("retry-default", 2);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ok after 3");
		StepInfo step = steps(id).get(0);
		assertThat(step.attempts()).isEqualTo(3);
		assertThat(step.state()).isEqualTo(StepState.COMPLETED);
		assertThat(step.error()).isEqualTo("java.lang.IllegalStateException: attempt 2 failed");
	}

	@Test
	void aPlainStepIsNotRetriedByDefault() {
		WorkflowId id = this.client.start("retry-none", 1);

		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT))
			.withMessageContaining("attempt 1 failed");
		assertThat(this.counter.count(id.value(), "plain")).isEqualTo(1);
	}

	@Test
	void retryFalseNeverRetries() {
		WorkflowId id = this.client.start("retry-off", 1);

		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT));
		assertThat(this.counter.count(id.value(), "never")).isEqualTo(1);
	}

	@Test
	void exhaustedAttemptsRaiseTheLastErrorInTheWorkflow() {
		WorkflowId id = this.client.start("retry-custom", 5);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("gave up: attempt 2 failed");
		StepInfo step = steps(id).get(0);
		assertThat(step.state()).isEqualTo(StepState.FAILED);
		assertThat(step.attempts()).isEqualTo(2);
		assertThat(step.error()).isEqualTo("java.lang.IllegalStateException: attempt 2 failed");
	}

	@Test
	void aLambdaStepTakesItsPolicyFromTheCall() {
		WorkflowId id = this.client.start("retry-lambda", 3);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ok after 4");
		assertThat(steps(id).get(0).name()).isEqualTo("lambda");
	}

	@Test
	void theWorkflowAnnotationMakesItsStepsRetry() {
		WorkflowId id = this.client.start("retry-by-annotation", 3);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ok after 4");
	}

	@Test
	void theWorkflowsPropertiesMakeItsStepsRetry() {
		WorkflowId ok = this.client.start("retry-by-properties", 2);
		WorkflowId exhausted = this.client.start("retry-by-properties", 3);

		assertThat(this.client.result(ok, String.class, TIMEOUT)).isEqualTo("ok after 3");
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(exhausted, String.class, TIMEOUT))
			.withMessageContaining("attempt 3 failed");
	}

	@Test
	void aLongBackoffSuspendsTheRunWhichSurvivesARestart() {
		WorkflowId id = this.client.start("retry-long-backoff", 1);

		await().atMost(TIMEOUT).until(() -> !steps(id).isEmpty() && steps(id).get(0).state() == StepState.WAITING);
		StepInfo waiting = steps(id).get(0);
		assertThat(waiting.wakeAt()).isBetween(this.clock.instant().plus(Duration.ofMinutes(30)),
				this.clock.instant().plus(Duration.ofMinutes(90)));
		assertThat(waiting.error()).isEqualTo("java.lang.IllegalStateException: attempt 1 failed");
		assertThat(this.jdbc.sql("select owner from workflow_run where id = ?")
			.param(id.value())
			.query(String.class)
			.optional()).isEmpty();
		this.engine.stop();
		this.engine.start();
		this.clock.advance(Duration.ofHours(2));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ok after 2");
		assertThat(steps(id).get(0).attempts()).isEqualTo(2);
		assertThat(steps(id).get(0).startedAt()).isEqualTo(waiting.startedAt());
	}

	private List<StepInfo> steps(WorkflowId id) {
		return this.client.listSteps(id, ListQuery.first(10)).items();
	}

}
