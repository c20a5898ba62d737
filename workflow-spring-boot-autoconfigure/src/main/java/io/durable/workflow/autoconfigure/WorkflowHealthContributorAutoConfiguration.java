package io.durable.workflow.autoconfigure;

import java.time.Duration;

import io.durable.workflow.actuate.WorkflowHealthIndicator;
import io.durable.workflow.engine.WorkflowMonitor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code workflows} health indicator, when Spring Boot's health support is on the
 * classpath and {@code management.health.workflows.enabled} is not {@code false}.
 */
@AutoConfiguration(after = WorkflowAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(WorkflowMonitor.class)
@ConditionalOnEnabledHealthIndicator("workflows")
public final class WorkflowHealthContributorAutoConfiguration {

	/**
	 * The claim loop may skip a few polls before it counts as stopped, but never less
	 * than this.
	 */
	private static final Duration MIN_CLAIM_LOOP_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConditionalOnMissingBean(name = "workflowsHealthIndicator")
	WorkflowHealthIndicator workflowsHealthIndicator(WorkflowMonitor engine, WorkflowProperties properties) {
		Duration claimLoopTimeout = properties.getHealth().getClaimLoopTimeout();
		if (claimLoopTimeout == null) {
			Duration threePolls = properties.getPollInterval().multipliedBy(3);
			claimLoopTimeout = (threePolls.compareTo(MIN_CLAIM_LOOP_TIMEOUT) > 0) ? threePolls : MIN_CLAIM_LOOP_TIMEOUT;
		}
		return new WorkflowHealthIndicator(engine, claimLoopTimeout, properties.getHealth().getBacklogLagThreshold(),
				properties.getHealth().getTimeout());
	}

}
