package io.durable.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.FailureWorkflow;
import io.durable.workflow.testapp.FamilyWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Application events for every state change of a run and every journaled step, published
 * once they have committed.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(WorkflowChangeEventTests.Recorder.class)
abstract class WorkflowChangeEventTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	Recorder recorder;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aRunPublishesItsStartEachStepAndItsOutcomeInOrder() {
		WorkflowId id = this.client.start("sequence", 3);
		this.client.result(id, Integer.class, TIMEOUT);

		await().atMost(TIMEOUT).until(() -> this.recorder.of(id).size() == 5);
		assertThat(this.recorder.of(id)).extracting(WorkflowChangeEventTests::describe)
			.containsExactly("IN_PROGRESS", "add #0 COMPLETED 0", "add #1 COMPLETED 1", "add #2 COMPLETED 3",
					"COMPLETED");
		assertThat(this.recorder.of(id)).allSatisfy((event) -> assertThat(event.workflowId()).isEqualTo(id));
	}

	@Test
	void aStartInATransactionIsPublishedOnceItCommitsAndNeverIfItRollsBack() {
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		WorkflowId rolledBack = transaction.execute((status) -> {
			status.setRollbackOnly();
			return this.client.start(EventWorkflows.class, EventWorkflows::approval);
		});
		WorkflowId committed = transaction.execute((status) -> {
			WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
			assertThat(this.recorder.of(id)).as("before the commit").isEmpty();
			return id;
		});

		await().atMost(TIMEOUT).until(() -> this.recorder.of(committed).size() == 3);
		assertThat(this.recorder.of(committed)).extracting(WorkflowChangeEventTests::describe)
			.containsExactly("IN_PROGRESS", "mark #0 COMPLETED \"asked\"", "awaitEvent:approval #1 WAITING null");
		assertThat(this.recorder.of(rolledBack)).isEmpty();
		this.client.cancel(committed);
	}

	@Test
	void aFailedRunPublishesItsFailedStepAndItsFailure() {
		WorkflowId id = this.client.start(FailureWorkflow.class, FailureWorkflow::fail);
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT));

		await().atMost(TIMEOUT).until(() -> this.recorder.of(id).size() == 3);
		assertThat(this.recorder.of(id)).extracting(WorkflowChangeEventTests::describe)
			.containsExactly("IN_PROGRESS", "explode #0 FAILED null", "FAILED");
	}

	@Test
	void aCancelPublishesTheCancelOfTheRunAndOfItsChildren() {
		WorkflowId parent = this.client.start(FamilyWorkflows.class, FamilyWorkflows::waits);
		WorkflowId child = WorkflowId.of(parent + "/0");
		await().atMost(TIMEOUT).until(() -> this.recorder.of(child).size() == 2);

		this.client.cancel(parent);

		assertThat(this.recorder.states()).filteredOn((event) -> event.state() == WorkflowState.CANCELED)
			.filteredOn((event) -> event.workflowId().value().startsWith(parent.value()))
			.extracting(WorkflowStateChangedEvent::workflowId, WorkflowStateChangedEvent::workflowName)
			.containsExactly(tuple(parent, "parent-waits"), tuple(child, "kid-wait"));
	}

	private static String describe(WorkflowChangeEvent event) {
		if (event instanceof WorkflowStepJournaledEvent journaled) {
			StepInfo step = journaled.step();
			return step.name() + " #" + step.sequence() + " " + step.state() + " " + step.result();
		}
		return ((WorkflowStateChangedEvent) event).state().name();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recorder {

		private final Queue<WorkflowChangeEvent> events = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(WorkflowChangeEvent event) {
			this.events.add(event);
		}

		List<WorkflowChangeEvent> of(WorkflowId id) {
			return this.events.stream().filter((event) -> event.workflowId().equals(id)).toList();
		}

		List<WorkflowStateChangedEvent> states() {
			return this.events.stream()
				.filter(WorkflowStateChangedEvent.class::isInstance)
				.map(WorkflowStateChangedEvent.class::cast)
				.toList();
		}

	}

}
