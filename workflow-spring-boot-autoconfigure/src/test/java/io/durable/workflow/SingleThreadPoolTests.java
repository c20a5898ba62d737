package io.durable.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.testapp.ParallelWorkflows;
import io.durable.workflow.testapp.TestApplication;
import io.durable.workflow.testapp.TimeWorkflows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No work waits for other work on a pool thread (a workflow waiting for its parallel
 * steps or a timer suspends), so even a pool of one runs many workflows with parallel
 * steps and waits.
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.max-parallelism=1")
abstract class SingleThreadPoolTests {

	@Autowired
	WorkflowClient client;

	@Test
	void parallelStepsAndWaitsNeverDeadlockIt() {
		List<WorkflowId> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(this.client.start(ParallelWorkflows.class, (workflow) -> workflow.fanOut(5)));
			ids.add(this.client.start(ParallelWorkflows.class, ParallelWorkflows::lambdaFanOut));
			ids.add(this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofMillis(600))));
		}

		for (WorkflowId id : ids) {
			assertThat(this.client.result(id, String.class, Duration.ofSeconds(60))).isIn("sum=55", "AB", "after");
		}
	}

}
