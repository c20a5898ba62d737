package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.engine.WorkflowRetention;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.SequenceWorkflow;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A run that finished on this node and is deleted by this node's retention sweep within
 * the minute its outcome is remembered is not answered from memory: {@code result} says
 * it does not exist. (The journal's side, which runs a sweep deletes, is in the contract
 * suite on H2 and PostgreSQL.)
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.retention.completed=1s", "workflow.retention.interval=1h" })
@Import(TestClockConfiguration.class)
class H2RetentionForgetsOutcomesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	WorkflowRetention retention;

	@Test
	void aRunDeletedByRetentionIsNotFoundAlthoughItFinishedHereLately() {
		WorkflowId id = this.client.start(SequenceWorkflow.class, (workflow) -> workflow.run(2));
		assertThatNoException().isThrownBy(() -> this.client.result(id, Integer.class, TIMEOUT));
		this.clock.advance(Duration.ofSeconds(2));

		this.retention.sweep();

		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.result(id, Integer.class, TIMEOUT));
	}

}
