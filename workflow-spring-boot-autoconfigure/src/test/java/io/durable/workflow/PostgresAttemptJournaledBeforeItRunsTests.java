package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * With no attempt start delay, a step's attempt is journaled as running before its code
 * runs.
 */
@OnPostgres
@SpringBootTest(classes = TestApplication.class, properties = "workflow.journal.attempt-start-delay=0")
class PostgresAttemptJournaledBeforeItRunsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	GatedWorkflow.Steps gates;

	@Test
	void anAttemptIsJournaledBeforeTheStepRuns() {
		WorkflowId id = this.client.start("gated");

		await().atMost(TIMEOUT).until(() -> this.counter.count(id.value(), "gate") == 1);
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items())
			.extracting(StepInfo::name, StepInfo::state, StepInfo::attempts)
			.containsExactly(tuple("gate", StepState.RUNNING, 1));
		this.gates.open(id.value());

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("next");
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items())
			.extracting(StepInfo::name, StepInfo::state, StepInfo::attempts)
			.containsExactly(tuple("gate", StepState.COMPLETED, 1), tuple("next", StepState.COMPLETED, 1));
	}

}
