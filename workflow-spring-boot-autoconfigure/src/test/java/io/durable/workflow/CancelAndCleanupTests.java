package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import io.durable.workflow.testapp.TimeWorkflows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Cancel stops a workflow at its next step boundary wherever it runs, and drops its
 * waits; cleanup deletes a finished workflow.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(TestClockConfiguration.class)
abstract class CancelAndCleanupTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	GatedWorkflow.Steps gates;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aStepRunningWhenTheWorkflowIsCanceledFinishesButMovesNothingOn() {
		WorkflowId id = this.client.start(GatedWorkflow.class, GatedWorkflow::run);
		await().atMost(TIMEOUT).until(() -> this.counter.count(id.value(), "gate") == 1);

		this.client.cancel(id);
		this.gates.open(id.value());

		assertThat(this.client.status(id)).isEqualTo(new WorkflowStatus.Canceled(Optional.empty()));
		// At once, although the step still runs here: not after a poll interval (an hour
		// in these tests).
		assertTimeoutPreemptively(TIMEOUT.dividedBy(2), () -> assertThatExceptionOfType(WorkflowCanceledException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT)));
		EngineIdle.await(this.engine);
		assertThat(this.counter.count(id.value(), "next")).isZero();
		assertThat(steps(id)).isZero();
	}

	@Test
	void aCancelMadeOnAnotherNodeStopsTheRunAtItsNextStep() {
		WorkflowId id = this.client.start(GatedWorkflow.class, GatedWorkflow::run);
		await().atMost(TIMEOUT).until(() -> this.counter.count(id.value(), "gate") == 1);

		// What another node's cancel does: only the database changes.
		this.jdbc.sql("update workflow_run set state = 'CANCELED', owner = null, due_at = null where id = ?")
			.param(id.value())
			.update();
		this.gates.open(id.value());

		EngineIdle.await(this.engine);
		assertThat(this.counter.count(id.value(), "next")).isZero();
		assertThat(steps(id)).isZero();
		assertThat(this.client.status(id).state()).isEqualTo(WorkflowState.CANCELED);
	}

	@Test
	void aCanceledWaitIsDroppedAndTakesNoMoreEvents() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		await().atMost(TIMEOUT).until(() -> steps(id) == 2);

		this.client.cancel(id);

		assertThat(this.client.status(id).state()).isEqualTo(WorkflowState.CANCELED);
		assertThatExceptionOfType(WorkflowStateException.class)
			.isThrownBy(() -> this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("x", 1)));
	}

	@Test
	void aCancelRolledBackWithItsCallersTransactionTellsWaitingCallersNothing() throws Exception {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		await().atMost(TIMEOUT).until(() -> steps(id) == 2);
		AtomicReference<Object> outcome = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				outcome.set(this.client.result(id, String.class, TIMEOUT));
			}
			catch (RuntimeException ex) {
				outcome.set(ex);
			}
		});
		waiter.start();
		await().atMost(TIMEOUT).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

		assertThatIllegalStateException()
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.client.cancel(id);
				throw new IllegalStateException("The caller changes its mind");
			}));

		assertThat(this.client.status(id).state()).isEqualTo(WorkflowState.IN_PROGRESS);
		this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("ops", 3));
		waiter.join(TIMEOUT.toMillis());
		assertThat(outcome.get()).isEqualTo("ops approved 3");
	}

	@Test
	void canceledTimersNeverFire() {
		WorkflowId inMemory = this.client.start(TimeWorkflows.class,
				(workflow) -> workflow.sleep(Duration.ofSeconds(5)));
		WorkflowId released = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofDays(5)));
		await().atMost(TIMEOUT).until(() -> steps(inMemory) == 2 && steps(released) == 2);

		this.client.cancel(inMemory);
		this.client.cancel(released);
		this.clock.advance(Duration.ofDays(6));

		// Moving the clock fires the due timers, then runs the claim loop, on the timer
		// thread.
		Instant moved = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		await().atMost(TIMEOUT)
			.until(() -> this.engine.status().lastClaimLoopRun(), (run) -> run != null && !run.isBefore(moved));
		assertThat(this.engine.status().activeWork()).isZero();
		assertThat(this.counter.count(inMemory.value(), "after")).isZero();
		assertThat(this.counter.count(released.value(), "after")).isZero();
		assertThat(this.client.status(inMemory).state()).isEqualTo(WorkflowState.CANCELED);
		assertThat(this.client.status(released).state()).isEqualTo(WorkflowState.CANCELED);
	}

	@Test
	void cancelingAFinishedWorkflowChangesNothing() {
		WorkflowId id = this.client.start(TimeWorkflows.class, TimeWorkflows::startedLater);
		this.client.result(id, String.class, TIMEOUT);

		assertThatNoException().isThrownBy(() -> this.client.cancel(id));
		assertThat(this.client.status(id)).isEqualTo(new WorkflowStatus.Completed("started"));
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.cancel(WorkflowId.of("no-such-" + UUID.randomUUID())));
	}

	@Test
	void cleanupDeletesAFinishedWorkflowAndRefusesOneInProgress() {
		WorkflowId finished = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals);
		this.client.sendEvent(finished, "signal", "a");
		this.client.sendEvent(finished, "signal", "b");
		this.client.result(finished, String.class, TIMEOUT);
		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals);

		this.client.cleanup(finished);

		assertThatExceptionOfType(WorkflowNotFoundException.class).isThrownBy(() -> this.client.status(finished));
		assertThat(this.jdbc
			.sql("select (select count(*) from workflow_step where run_id = ?)"
					+ " + (select count(*) from workflow_event where run_id = ?)")
			.params(finished.value(), finished.value())
			.query(Long.class)
			.single()).isZero();
		assertThatExceptionOfType(WorkflowStateException.class).isThrownBy(() -> this.client.cleanup(waiting))
			.withMessageContaining("still in progress");
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.cleanup(WorkflowId.of("no-such-" + UUID.randomUUID())));
	}

	/**
	 * The steps journaled with an outcome (an attempt that ran long enough is journaled
	 * as running).
	 */
	private long steps(WorkflowId id) {
		return this.jdbc.sql("select count(*) from workflow_step where run_id = ? and state <> 'RUNNING'")
			.param(id.value())
			.query(Long.class)
			.single();
	}

	/**
	 * Waits until no turn or step runs on this node: whatever a run still did here is
	 * done.
	 */

}
