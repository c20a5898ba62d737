package io.durable.workflow;

import java.time.Duration;
import java.util.UUID;

import io.durable.workflow.testapp.ParallelWorkflows;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parallel steps: they run at the same time, their results feed later steps, a failure
 * surfaces once all have finished, and their journal positions follow the call order, so
 * that a replay is deterministic whatever order they finished in.
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.poll-interval=100ms")
abstract class ParallelStepTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Test
	void parallelStepsRunAtTheSameTime() {
		WorkflowId id = this.client.start(ParallelWorkflows.class, ParallelWorkflows::meet);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("left+right");
	}

	@Test
	void theirResultsFeedLaterSteps() {
		WorkflowId id = this.client.start(ParallelWorkflows.class, (workflow) -> workflow.fanOut(10));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("sum=385");
		assertThat(this.client.listSteps(id, ListQuery.first(20)).items()).extracting(StepInfo::sequence)
			.containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	}

	@Test
	void aFailureSurfacesAfterTheOtherStepsFinish() {
		WorkflowId id = this.client.start(ParallelWorkflows.class, ParallelWorkflows::oneFails);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("broken after 1");
	}

	@Test
	void lambdaStepsRunInParallelToo() {
		WorkflowId id = this.client.start(ParallelWorkflows.class, ParallelWorkflows::lambdaFanOut);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("AB");
	}

	@Test
	void aReplayFindsParallelResultsByCallOrderNotCompletionOrder() {
		String id = "parallel-" + UUID.randomUUID();
		// The third and first squares finished before the node died; the second had not.
		JournalRows rows = new JournalRows(this.jdbc);
		rows.step(id, 0, "square", "COMPLETED", "1", null);
		rows.step(id, 2, "square", "COMPLETED", "9", null);
		rows.deadNodeRun(id, "fan-out", "[3]");

		assertThat(this.client.result(WorkflowId.of(id), String.class, TIMEOUT)).isEqualTo("sum=14");
		assertThat(this.counter.count(id, "square-1")).isZero();
		assertThat(this.counter.count(id, "square-2")).isEqualTo(1);
		assertThat(this.counter.count(id, "square-3")).isZero();
	}

}
