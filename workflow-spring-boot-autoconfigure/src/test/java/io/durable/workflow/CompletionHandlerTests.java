package io.durable.workflow;

import java.time.Duration;
import java.util.List;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.testapp.CompletionWorkflows;
import io.durable.workflow.testapp.CompletionWorkflows.Requester;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Completion handlers: called once per workflow, in the transaction that records its
 * outcome, with the outcome and the start site's context; a failing handler is retried
 * and its writes rolled back each time, up to its attempts; a cancel always succeeds,
 * whatever the handler does.
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.completion-handler.max-attempts=3")
abstract class CompletionHandlerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	CompletionWorkflows.Handler handler;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowEngine engine;

	private final StartOptions handled = StartOptions.defaults()
		.onComplete(CompletionWorkflows.Handler.class)
		.context(new Requester("ada"));

	@Test
	void aCompletedWorkflowsHandlerGetsItsValueAndContextOnce() {
		WorkflowId id = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("bob"), this.handled);

		this.client.result(id, String.class, TIMEOUT);

		assertThat(log(id)).containsExactly("COMPLETED|hello bob|ada");
	}

	@Test
	void aFailedWorkflowsHandlerGetsItsError() {
		WorkflowId id = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet(""), this.handled);

		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT));
		assertThat(log(id)).containsExactly("FAILED|java.lang.IllegalArgumentException: nobody to greet|ada");
	}

	@Test
	void aCanceledWorkflowsHandlerIsCalledInTheCancel() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals,
				StartOptions.defaults().onComplete(CompletionWorkflows.Handler.class));

		this.client.cancel(id);

		assertThat(log(id)).containsExactly("CANCELED|null|null");
	}

	@Test
	void aFailingHandlerIsRetriedAndTheWorkflowIsNotFinishedUntilItCommits() {
		WorkflowId id = WorkflowId.of("handled-" + System.nanoTime());
		this.handler.failFirst(id.value(), 2);

		this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("cy"), this.handled.id(id.value()));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(summary(id).handlerError())
				.isEqualTo("Completion handler failed: java.lang.IllegalStateException: the mail server is down"));
		assertThat(summary(id).state()).isEqualTo(WorkflowState.IN_PROGRESS);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(this.client.status(id)).isInstanceOfSatisfying(WorkflowStatus.InProgress.class,
					(inProgress) -> assertThat(inProgress.stalled()).hasValue(
							"Completion handler failed: java.lang.IllegalStateException: the mail server is down"));
			assertThat(this.engine.statistics().handlerFailing()).isPositive();
		});

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("hello cy");
		assertThat(log(id)).as("the failed calls' writes were rolled back").containsExactly("COMPLETED|hello cy|ada");
		assertThat(summary(id).handlerError()).isNull();
	}

	@Test
	void aHandlerThatKeepsFailingGivesUpAfterItsAttemptsAndTheOutcomeStands() {
		WorkflowId id = WorkflowId.of("handled-" + System.nanoTime());
		this.handler.failFirst(id.value(), Integer.MAX_VALUE);

		this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("di"), this.handled.id(id.value()));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("hello di");
		assertThat(summary(id).handlerError()).isEqualTo("Completion handler failed 3 times; the outcome stands"
				+ " without it. Last failure: java.lang.IllegalStateException: the mail server is down");
		assertThat(log(id)).as("the failed calls' writes were rolled back").isEmpty();
	}

	@Test
	void aRunWhoseHandlerFailsIsCanceledWithoutItAndThenCleanedUp() {
		WorkflowId id = WorkflowId.of("handled-" + System.nanoTime());
		this.handler.failFirst(id.value(), Integer.MAX_VALUE);
		this.client.start(EventWorkflows.class, EventWorkflows::twoSignals,
				StartOptions.defaults().id(id.value()).onComplete(CompletionWorkflows.Handler.class));

		this.client.cancel(id);

		assertThat(this.client.status(id)).isInstanceOf(WorkflowStatus.Canceled.class);
		assertThat(this.client.describe(id).handlerError()).isEqualTo("Completion handler failed on cancel; the run is"
				+ " canceled without it: java.lang.IllegalStateException: the mail server is down");
		assertThat(log(id)).isEmpty();
		this.client.cleanup(id);
		assertThatExceptionOfType(WorkflowNotFoundException.class).isThrownBy(() -> this.client.status(id));
	}

	@Test
	void anInvalidReturnValueFailsTheWorkflowNamingTheViolation() {
		WorkflowId id = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.validatedGreeting(" "),
				this.handled);

		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, CompletionWorkflows.Greeting.class, TIMEOUT))
			.withMessageContaining("The return value of workflow 'validated-greeting' is invalid")
			.withMessageContaining("to: must not be blank");
		assertThat(log(id)).singleElement().asString().startsWith("FAILED|");
	}

	private WorkflowSummary summary(WorkflowId id) {
		return this.client.listByName("greeting", ListQuery.first(1000).descending())
			.items()
			.stream()
			.filter((run) -> run.id().equals(id))
			.findFirst()
			.orElseThrow();
	}

	private List<String> log(WorkflowId id) {
		return this.jdbc
			.sql("select state || '|' || coalesce(outcome, 'null') || '|' || coalesce(context, 'null')"
					+ " from completion_log where workflow_id = ?")
			.param(id.value())
			.query(String.class)
			.list();
	}

}
