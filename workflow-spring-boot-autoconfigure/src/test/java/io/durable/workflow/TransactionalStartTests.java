package io.durable.workflow;

import java.time.Duration;
import java.util.UUID;

import io.durable.workflow.engine.EngineStatus;
import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.testapp.ResumeWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code start} joins the caller's transaction: nothing exists if it rolls back, and the
 * run is dispatched right after the commit (the claim loop is off in these tests, so no
 * polling helps).
 */
@SpringBootTest(classes = TestApplication.class)
abstract class TransactionalStartTests {

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	WorkflowEngine engine;

	@Test
	void aRolledBackCallerLeavesNoWorkflow() {
		String id = "rolled-back-" + UUID.randomUUID();

		this.transactions.executeWithoutResult((status) -> {
			this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("x"), StartOptions.defaults().id(id));
			status.setRollbackOnly();
		});

		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.status(WorkflowId.of(id)));
		WorkflowId later = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("y"));
		this.client.result(later, String.class, Duration.ofSeconds(20));
		assertThat(this.counter.count(id, "first")).isZero();
	}

	@Test
	void aCommittedStartRunsOnlyAfterTheCommitAndAtOnce() {
		EngineIdle.await(this.engine);
		WorkflowId id = this.transactions.execute((status) -> {
			WorkflowId started = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("z"));
			// A start hands its run to the pool within the call, if at all: nothing is
			// queued or runs yet.
			assertThat(this.engine.status())
				.extracting(EngineStatus::queuedWork, EngineStatus::activeWork, EngineStatus::executingRuns)
				.containsExactly(0, 0, 0);
			assertThat(this.counter.count(started.value(), "first")).isZero();
			return started;
		});

		assertThat(this.client.result(id, String.class, Duration.ofSeconds(5))).startsWith("z-1-2-3@");
	}

	@Test
	void withoutATransactionTheStartCommitsAndRunsAtOnce() {
		WorkflowId id = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("w"));

		assertThat(this.client.result(id, String.class, Duration.ofSeconds(5))).startsWith("w-1-2-3@");
	}

}
