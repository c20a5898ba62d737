package io.durable.workflow.autoconfigure;

import io.durable.workflow.actuate.WorkflowMetrics;
import io.durable.workflow.engine.WorkflowMonitor;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The engine's Micrometer metrics, when the application has a {@link MeterRegistry}
 * (Spring Boot Actuator brings one). Timers of steps and turns come from the engine's
 * observations, which Spring Boot records as metrics too.
 */
@AutoConfiguration(after = WorkflowAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, WorkflowMonitor.class })
public final class WorkflowMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkflowMetrics workflowMetrics(WorkflowMonitor engine) {
		return new WorkflowMetrics(engine);
	}

}
