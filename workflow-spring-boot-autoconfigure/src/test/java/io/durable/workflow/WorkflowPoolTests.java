package io.durable.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.testapp.ParallelWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code workflow.max-parallelism} bounds the workflow turns and steps running at once on
 * a node, across all workflows, and the pool reaches it under load.
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.max-parallelism=3")
abstract class WorkflowPoolTests {

	@Autowired
	WorkflowClient client;

	@Autowired
	ParallelWorkflows.Steps steps;

	@Test
	void noMoreStepsRunAtOnceThanTheLimit() {
		this.steps.resetMostRunning();
		List<WorkflowId> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(this.client.start(ParallelWorkflows.class, (workflow) -> workflow.busy(4, 50)));
		}
		ids.forEach((id) -> assertThat(this.client.result(id, Integer.class, Duration.ofSeconds(60))).isEqualTo(4));

		assertThat(this.steps.mostRunning()).isEqualTo(3);
	}

}
