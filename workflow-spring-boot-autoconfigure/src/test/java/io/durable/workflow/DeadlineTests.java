package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.CompletionWorkflows;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.FamilyWorkflows;
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
import static org.awaitility.Awaitility.await;

/**
 * A run whose deadline passes is canceled with its children, wherever it waits, and says
 * why.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(TestClockConfiguration.class)
abstract class DeadlineTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CompletionWorkflows.Handler handler;

	@Test
	void aRunStillWaitingWhenItsTimeoutPassesIsCanceledAndSaysWhy() {
		Instant start = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval,
				StartOptions.defaults().timeout(Duration.ofHours(1)).onComplete(CompletionWorkflows.Handler.class));
		Instant deadline = start.plus(Duration.ofHours(1));
		assertThat(this.client.describe(id).deadline()).isEqualTo(deadline);

		this.clock.advanceWhenWaiting(id, Duration.ofMinutes(59));
		EngineIdle.awaitClaimLoopAtTheClocksTime(this.engine, this.clock);
		assertThat(this.client.status(id).state()).isEqualTo(WorkflowState.IN_PROGRESS);

		this.clock.advance(Duration.ofMinutes(1));
		awaitState(id, WorkflowState.CANCELED);

		String reason = "Its deadline " + deadline + " passed";
		assertThat(this.client.status(id)).isEqualTo(new WorkflowStatus.Canceled(Optional.of(reason)));
		assertThat(this.client.describe(id).error()).isEqualTo(reason);
		assertThatExceptionOfType(WorkflowCanceledException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT))
			.withMessage("Workflow '" + id + "' was canceled: " + reason);
		assertThat(this.jdbc.sql("select state || ': ' || outcome from completion_log where workflow_id = ?")
			.param(id.value())
			.query(String.class)
			.list()).containsExactly("CANCELED: " + reason);
	}

	@Test
	void aHandlerThrowingAnErrorOnADeadlinesCancelStopsNeitherThatCancelNorTheNextOnes() {
		StartOptions withHandler = StartOptions.defaults().onComplete(CompletionWorkflows.Handler.class);
		WorkflowId first = this.client.start(EventWorkflows.class, EventWorkflows::approval,
				withHandler.timeout(Duration.ofHours(1)));
		this.handler.alwaysThrowAnError(first.value());
		WorkflowId second = this.client.start(EventWorkflows.class, EventWorkflows::approval,
				withHandler.timeout(Duration.ofHours(2)));
		this.clock.awaitWaiting(first);
		this.clock.awaitWaiting(second);

		this.clock.advance(Duration.ofHours(1));
		awaitState(first, WorkflowState.CANCELED);
		assertThat(this.client.describe(first).handlerError())
			.startsWith("Completion handler failed on cancel; the run is canceled without it")
			.contains("com/example/MailClient");

		this.clock.advance(Duration.ofHours(1));
		awaitState(second, WorkflowState.CANCELED);
		assertThat(this.client.describe(second).handlerError()).isNull();
	}

	@Test
	void aChildHasItsParentsDeadlineAndIsCanceledWithIt() {
		Instant deadline = this.clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::waits,
				StartOptions.defaults().deadline(deadline));
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		this.clock.awaitWaiting(id);
		assertThat(this.client.describe(child).deadline()).isEqualTo(deadline);

		this.clock.advance(Duration.ofHours(2));
		awaitState(id, WorkflowState.CANCELED);

		assertThat(this.client.status(id))
			.isEqualTo(new WorkflowStatus.Canceled(Optional.of("Its deadline " + deadline + " passed")));
		assertThat(this.client.status(child)).isEqualTo(new WorkflowStatus.Canceled(Optional.empty()));
	}

	@Test
	void aDeadlinePassingWhileTheRunSleepsUnheldIsEnforcedFromTheJournal() {
		WorkflowId id = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofHours(3)),
				StartOptions.defaults().timeout(Duration.ofHours(1)));
		this.clock.awaitWaiting(id);

		// Nothing of the run is in memory after a restart: only its row knows the
		// deadline.
		this.engine.stop();
		this.engine.start();
		this.clock.advance(Duration.ofHours(1));

		awaitState(id, WorkflowState.CANCELED);
		this.clock.advance(Duration.ofHours(2));
		EngineIdle.awaitClaimLoopAtTheClocksTime(this.engine, this.clock);
		assertThat(this.counter.count(id.value(), "after")).isZero();
	}

	@Test
	void aRunFinishedBeforeItsDeadlineKeepsItsOutcome() {
		WorkflowId id = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("ada"),
				StartOptions.defaults().timeout(Duration.ofMinutes(1)));
		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("hello ada");

		this.clock.advance(Duration.ofMinutes(2));
		EngineIdle.awaitClaimLoopAtTheClocksTime(this.engine, this.clock);

		assertThat(this.client.status(id)).isEqualTo(new WorkflowStatus.Completed("hello ada"));
	}

	private void awaitState(WorkflowId id, WorkflowState state) {
		await().atMost(TIMEOUT).until(() -> this.client.status(id).state() == state);
	}

}
