package io.durable.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.EventWorkflows.Approval;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Events: a workflow waits (holding no thread, surviving restarts) until an event is
 * sent, by name or by id, with a typed and validated value or as an error, or until its
 * timeout.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(TestClockConfiguration.class)
abstract class EventTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	EventWorkflows.Steps steps;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aWaitingWorkflowHoldsNothingAndResumesWhenTheEventIsSent() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		awaitWaiting(id, StepInfo.eventWait("approval"));
		await().atMost(TIMEOUT).until(() -> owner(id) == null);

		this.client.sendEvent(id, EventWorkflows.APPROVAL, new Approval("ada", 42));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ada approved 42");
		assertThat(this.counter.count(id.value(), "asked")).isEqualTo(1);
	}

	@Test
	void eventsSentBeforeTheWaitsAreReceivedInTheOrderSent() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals,
				StartOptions.defaults().runAfter(Duration.ofSeconds(5)));
		this.client.sendEvent(id, "signal", "a");
		this.client.sendEvent(id, "signal", "b");

		this.clock.advance(Duration.ofSeconds(5));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ab");
		assertThat(steps(id)).extracting(StepInfo::name)
			.containsExactly(StepInfo.eventWait("signal"), StepInfo.eventWait("signal"));
	}

	@Test
	void anEventSentJustAsTheWorkflowStartsWaitingIsNeverLost() {
		List<WorkflowId> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::answerOrFailure);
			this.client.sendEvent(id, "answer", i);
			ids.add(id);
		}

		for (int i = 0; i < ids.size(); i++) {
			assertThat(this.client.result(ids.get(i), String.class, TIMEOUT)).isEqualTo("answer " + i);
		}
	}

	@Test
	void eventsNoWaitReceivesShowInTheStatusAndGoWithTheRun() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		this.client.sendEvent(id, "unheard");
		this.client.sendEvent(id, "unheard");
		this.client.sendEvent(id, EventWorkflows.APPROVAL, new Approval("ada", 1));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ada approved 1");
		assertThat(this.jdbc.sql("select name || ' ' || state from workflow_event where run_id = ? order by ordinal")
			.param(id.value())
			.query(String.class)
			.list()).containsExactly("unheard SENT", "unheard SENT", "approval CONSUMED");
		this.client.cleanup(id);
		assertThat(this.jdbc.sql("select count(*) from workflow_event where run_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theStatusCountsTheEventsNoWaitHasReceivedYet() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		this.client.sendEvent(id, "unheard");
		this.client.sendEvent(id, "unheard");
		this.client.sendEvent(id, "other");

		assertThat(this.client.status(id)).isInstanceOfSatisfying(WorkflowStatus.InProgress.class,
				(inProgress) -> assertThat(inProgress.pendingEvents()).containsOnly(entry("unheard", 2L),
						entry("other", 1L)));
		this.client.cancel(id);
	}

	@Test
	void aFailedEventRaisesInTheWorkflow() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::answerOrFailure);
		awaitWaiting(id, StepInfo.eventWait("answer"));

		this.client.failEvent(id, "answer", "the user declined");

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("failed: the user declined");
	}

	@Test
	void aValueOfTheWrongTypeRaisesInTheWorkflow() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::answerOrFailure);

		this.client.sendEvent(id, "answer", "forty-two");

		assertThat(this.client.result(id, String.class, TIMEOUT))
			.startsWith("failed: its value cannot be read as the type the workflow waits for");
	}

	@Test
	void aWaitTimesOutDurablyAcrossARestart() {
		WorkflowId id = this.client.start(EventWorkflows.class, (workflow) -> workflow.reminder(Duration.ofDays(2)));
		awaitWaiting(id, StepInfo.eventWait("reply"));

		this.engine.stop();
		this.engine.start();
		this.clock.advance(Duration.ofDays(1));
		this.clock.awaitWaiting(id);
		assertThat(this.counter.count(id.value(), "reminded")).isZero();
		this.clock.advance(Duration.ofDays(1));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("reminded");
		assertThat(steps(id).get(0).state()).isEqualTo(StepState.FAILED);
	}

	@Test
	void aWaitSurvivesARestartAndAnEventArrivingBeforeItsTimeoutWins() {
		WorkflowId id = this.client.start(EventWorkflows.class, (workflow) -> workflow.reminder(Duration.ofDays(2)));
		awaitWaiting(id, StepInfo.eventWait("reply"));
		this.engine.stop();
		this.engine.start();

		this.client.sendEvent(id, "reply");

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("replied");
	}

	@Test
	void anEventCreatedWithAnIdIsReceivedByTheWaitForThatId() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::byId);
		await().atMost(TIMEOUT).until(() -> this.steps.answerEvent(id.value()) != null);
		EventId event = EventId.of(this.steps.answerEvent(id.value()));
		awaitWaiting(id, StepInfo.eventWait(event));

		this.client.sendEvent(id, "answer", "by name, not for the wait by id");
		this.client.sendEvent(event, "by id");

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("by id");
		assertThatExceptionOfType(WorkflowStateException.class).isThrownBy(() -> this.client.sendEvent(event, "again"));
	}

	@Test
	void anInvalidValueIsRejectedNamingTheFieldsAndNothingIsSent() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);

		assertThatExceptionOfType(InvalidPayloadException.class)
			.isThrownBy(() -> this.client.sendEvent(id, EventWorkflows.APPROVAL, new Approval(" ", -1)))
			.satisfies((ex) -> assertThat(ex.violations()).containsExactly("amount: must be greater than 0",
					"approver: must not be blank"));
		assertThat(this.jdbc.sql("select count(*) from workflow_event where run_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void eventsForUnknownOrFinishedWorkflowsAndUnknownIdsAreClearErrors() {
		WorkflowId unknown = WorkflowId.of("no-such-" + UUID.randomUUID());
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.sendEvent(unknown, "signal"));
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.sendEvent(EventId.of("no-such-event"), "x"));

		WorkflowId finished = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals);
		this.client.sendEvent(finished, "signal", "a");
		this.client.sendEvent(finished, "signal", "b");
		this.client.result(finished, String.class, TIMEOUT);
		assertThatExceptionOfType(WorkflowStateException.class)
			.isThrownBy(() -> this.client.sendEvent(finished, "signal", "c"))
			.withMessageContaining("has finished (COMPLETED)");
	}

	private void awaitWaiting(WorkflowId id, String wait) {
		await().atMost(TIMEOUT)
			.until(() -> steps(id).stream()
				.anyMatch((step) -> step.name().equals(wait) && step.state() == StepState.WAITING));
	}

	private List<StepInfo> steps(WorkflowId id) {
		return this.client.listSteps(id, ListQuery.first(20)).items();
	}

	private String owner(WorkflowId id) {
		return this.jdbc.sql("select owner from workflow_run where id = ?")
			.param(id.value())
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
