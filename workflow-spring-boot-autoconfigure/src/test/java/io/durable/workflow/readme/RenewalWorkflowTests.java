package io.durable.workflow.readme;

import java.time.Duration;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.test.WorkflowTestClock;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's testing section, as written there, in a fresh application each of 20
 * times: a cold engine must not make it flaky. {@code spring.config.name} only keeps this
 * module's shared test configuration out, so that the application has nothing but Spring
 * Boot's defaults.
 */
@SpringBootTest(properties = "spring.config.name=renewal")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class RenewalWorkflowTests {

	@TestConfiguration
	static class Clocks {

		@Bean
		WorkflowTestClock workflowClock() {
			return new WorkflowTestClock();
		}

	}

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowTestClock clock;

	@RepeatedTest(20)
	void remindsAfterAMonth() {
		WorkflowId id = this.client.start(RenewalWorkflow.class, (w) -> w.run("user-1"));
		this.clock.advanceWhenWaiting(id, Duration.ofDays(30));
		assertThat(this.client.result(id, String.class, Duration.ofSeconds(5))).isEqualTo("reminded");
	}

}
