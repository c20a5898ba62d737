package io.durable.workflow;

import java.time.Duration;
import java.util.UUID;

import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.CompletionWorkflows;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.FamilyWorkflows;
import io.durable.workflow.testapp.RepairableWorkflow;
import io.durable.workflow.testapp.ResumeWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A failed or canceled run resumes where it stopped, with its failed children; a fork
 * starts a new run from a copy of another's first steps.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(TestClockConfiguration.class)
abstract class ResumeAndForkTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	RepairableWorkflow.Steps steps;

	@Autowired
	StepCounter counter;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailedRunResumesAtItsFailedStepWithItsRetriesAfreshAndIsReportedAgain() {
		String order = UUID.randomUUID().toString();
		this.steps.decline(order);
		WorkflowId id = this.client.start(RepairableWorkflow.class, (workflow) -> workflow.order(order),
				StartOptions.defaults().onComplete(CompletionWorkflows.Handler.class));
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT))
			.withMessageContaining("card declined");
		assertThat(this.counter.count(id.value(), "charge")).isEqualTo(2);

		this.steps.accept(order);
		this.client.resume(id);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo(order + " charged and shipped");
		assertThat(this.counter.count(id.value(), "prepare")).isEqualTo(1);
		assertThat(this.counter.count(id.value(), "charge")).isEqualTo(3);
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items())
			.extracting(StepInfo::name, StepInfo::state, StepInfo::attempts)
			.containsExactly(tuple("prepare", StepState.COMPLETED, 1), tuple("charge", StepState.COMPLETED, 1),
					tuple("ship", StepState.COMPLETED, 1));
		assertThat(this.client.describe(id).error()).isNull();
		assertThat(this.jdbc.sql("select state from completion_log where workflow_id = ?")
			.param(id.value())
			.query(String.class)
			.list()).containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void aResumedParentResumesItsFailedChild() {
		String order = UUID.randomUUID().toString();
		this.steps.decline(order);
		WorkflowId id = this.client.start(RepairableWorkflow.class, (workflow) -> workflow.parent(order));
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT));
		assertThat(this.client.status(child).state()).isEqualTo(WorkflowState.FAILED);

		this.steps.accept(order);
		this.client.resume(id);

		assertThat(this.client.result(id, String.class, TIMEOUT))
			.isEqualTo("parent of " + order + " charged and shipped");
		assertThat(this.client.status(child).state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(this.counter.count(child.value(), "prepare")).isEqualTo(1);
	}

	@Test
	void aRunCanceledAtItsDeadlineResumesItsWaitWithoutADeadline() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval,
				StartOptions.defaults().timeout(Duration.ofHours(1)));
		this.clock.advanceWhenWaiting(id, Duration.ofHours(1));
		await().atMost(TIMEOUT).until(() -> this.client.status(id).state() == WorkflowState.CANCELED);

		this.client.resume(id);
		assertThat(this.client.describe(id))
			.extracting(WorkflowSummary::state, WorkflowSummary::deadline, WorkflowSummary::error)
			.containsExactly(WorkflowState.IN_PROGRESS, null, null);
		this.clock.awaitWaiting(id);
		this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("ada", 5));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ada approved 5");
		assertThat(this.counter.count(id.value(), "asked")).isEqualTo(1);
	}

	@Test
	void aResumeKeepsTheFailuresTheRunCaughtAndWentOnFrom() {
		WorkflowId id = this.client.start(EventWorkflows.class,
				(workflow) -> workflow.nudgedApproval(Duration.ofHours(1)));
		this.clock.advanceWhenWaiting(id, Duration.ofHours(1));
		await().atMost(TIMEOUT).until(() -> this.counter.count(id.value(), "reminded") == 1);
		this.clock.awaitWaiting(id);
		this.client.cancel(id);

		this.client.resume(id);
		this.clock.awaitWaiting(id);
		this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("ada", 5));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after a reminder, ada approved 5");
		assertThat(this.counter.count(id.value(), "asked")).isEqualTo(1);
		assertThat(this.counter.count(id.value(), "reminded")).isEqualTo(1);
	}

	@Test
	void aChildWhoseFailureTheParentCaughtIsNotResumedWithIt() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::catchesThenWaits);
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		this.clock.awaitWaiting(id);
		this.client.cancel(id);

		this.client.resume(id);
		this.clock.awaitWaiting(id);
		this.client.sendEvent(id, "go", "went");

		assertThat(this.client.result(id, String.class, TIMEOUT)).startsWith("caught ").endsWith(", then went");
		await().atMost(TIMEOUT).until(() -> this.client.status(child).state() != WorkflowState.IN_PROGRESS);
		assertThat(this.counter.count(child.value(), "failing")).isEqualTo(1);
	}

	@Test
	void onlyAFailedOrCanceledRunResumes() {
		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		assertThatExceptionOfType(WorkflowStateException.class).isThrownBy(() -> this.client.resume(waiting))
			.withMessage("Cannot resume workflow '" + waiting
					+ "': it is IN_PROGRESS; only a failed or canceled run can be resumed");
		WorkflowId done = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("x"));
		this.client.result(done, String.class, TIMEOUT);
		assertThatExceptionOfType(WorkflowStateException.class).isThrownBy(() -> this.client.resume(done))
			.withMessageContaining("it is COMPLETED");
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.resume(WorkflowId.of("no-such-run")));
	}

	@Test
	void aForkReturnsTheCopiedStepsResultsAndRunsTheRest() {
		WorkflowId id = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("x"));
		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + id);

		WorkflowId fork = this.client.fork(id, 2);

		assertThat(fork).isNotEqualTo(id);
		assertThat(this.client.result(fork, String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + fork);
		assertThat(this.counter.count(fork.value(), "first")).isZero();
		assertThat(this.counter.count(fork.value(), "second")).isZero();
		assertThat(this.counter.count(fork.value(), "third")).isEqualTo(1);
		assertThat(this.client.describe(fork)).extracting(WorkflowSummary::name, WorkflowSummary::forkedFrom)
			.containsExactly("resume", id);
		assertThat(this.client.describe(id).forkedFrom()).isNull();

		WorkflowId fromScratch = this.client.fork(id, 0);
		assertThat(this.client.result(fromScratch, String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + fromScratch);
		assertThat(this.counter.count(fromScratch.value(), "first")).isEqualTo(1);
	}

	@Test
	void aForkStartsNoFurtherThanTheJournalsFinishedSteps() {
		WorkflowId done = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("x"));
		this.client.result(done, String.class, TIMEOUT);
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.fork(done, -1))
			.withMessage(
					"Cannot fork workflow '" + done + "' from step -1: its journal holds 3 steps; fork from 0 to 3");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.fork(done, 4))
			.withMessageContaining("from step 4: its journal holds 3 steps");

		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		this.clock.awaitWaiting(waiting);
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.fork(waiting, 2))
			.withMessage("Cannot fork workflow '" + waiting
					+ "' from step 2: step 1 'awaitEvent:approval' has not finished (WAITING); fork from 1 or before");
		WorkflowId fork = this.client.fork(waiting, 1);
		this.clock.awaitWaiting(fork);
		assertThat(this.counter.count(fork.value(), "asked")).isZero();
	}

}
