package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.testapp.SlowWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node keeps the leases of the runs it executes alive, however long their steps take; without
 * that, the step after a long one would not start (the claim loop is off here, so a run given up
 * would never finish).
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.lease.duration=600ms")
abstract class LeaseTests {

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aStepLongerThanTheLeaseDoesNotLoseTheRun() {
		WorkflowId id = this.client.start(SlowWorkflow.class, (workflow) -> workflow.run(1500));

		assertThat(this.client.result(id, String.class, Duration.ofSeconds(20))).isEqualTo("after");
		assertThat(this.counter.count(id.value(), "slow")).isEqualTo(1);
		assertThat(this.counter.count(id.value(), "after")).isEqualTo(1);
	}

	@Test
	void aFinishedRunHoldsNoLease() {
		WorkflowId id = this.client.start(SlowWorkflow.class, (workflow) -> workflow.run(0));
		this.client.result(id, String.class, Duration.ofSeconds(20));

		assertThat(this.jdbc.sql("select count(*) from workflow_run where id = ? and owner is null and due_at is null")
			.param(id.value())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
