package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.testapp.ParallelWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled} on Java 21 or later, workflows and their
 * steps run on virtual threads, still bounded by {@code max-parallelism}. (Java 17 builds
 * skip this test.)
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = TestApplication.class,
		properties = { "spring.threads.virtual.enabled=true", "workflow.max-parallelism=2" })
class VirtualThreadTests {

	@Autowired
	WorkflowClient client;

	@Autowired
	ParallelWorkflows.Steps steps;

	@Test
	void workflowsAndStepsRunOnVirtualThreads() throws Exception {
		this.steps.resetMostRunning();
		WorkflowId id = this.client.start(ParallelWorkflows.class, (workflow) -> workflow.busy(6, 50));

		assertThat(this.client.result(id, Integer.class, Duration.ofSeconds(30))).isEqualTo(6);
		assertThat(this.steps.mostRunning()).isEqualTo(2);
		assertThat(this.steps.ranOnVirtualThreads()).isTrue();
	}

}
