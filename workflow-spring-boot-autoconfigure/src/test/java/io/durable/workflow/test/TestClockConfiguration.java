package io.durable.workflow.test;

import io.durable.workflow.autoconfigure.WorkflowAutoConfiguration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Makes the engine read time from a {@link WorkflowTestClock} that tests move by hand.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

	@Bean(WorkflowAutoConfiguration.CLOCK_BEAN_NAME)
	WorkflowTestClock workflowClock() {
		return new WorkflowTestClock();
	}

}
