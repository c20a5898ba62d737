package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.actuate.WorkflowHealthIndicator;
import io.durable.workflow.actuate.WorkflowsEndpoint;
import io.durable.workflow.actuate.WorkflowsEndpointWebExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator endpoint and the health indicator: when they exist, and that user beans
 * replace them.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class,
				WorkflowEndpointAutoConfiguration.class, WorkflowHealthContributorAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void theEndpointIsNotThereUnlessExposed() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(WorkflowClient.class)
			.doesNotHaveBean(WorkflowsEndpoint.class)
			.doesNotHaveBean(WorkflowsEndpointWebExtension.class));
	}

	@Test
	void exposedOverTheWebTheEndpointHasItsWebExtension() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=workflows")
			.run((context) -> assertThat(context).hasSingleBean(WorkflowsEndpoint.class)
				.hasSingleBean(WorkflowsEndpointWebExtension.class));
	}

	@Test
	void exposedOverJmxOnlyTheEndpointHasNoWebExtension() {
		this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=workflows")
			.run((context) -> assertThat(context).hasSingleBean(WorkflowsEndpoint.class)
				.doesNotHaveBean(WorkflowsEndpointWebExtension.class));
	}

	@Test
	void unrestrictedAccessWithoutSpringSecurityIsWarnedOf(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues("management.endpoints.web.exposure.include=workflows",
					"management.endpoint.workflows.access=UNRESTRICTED")
			.run((context) -> {
				assertThat(context).hasSingleBean(WorkflowsEndpoint.class);
				assertThat(output).contains("The 'workflows' endpoint allows anyone who reaches it to cancel, delete"
						+ " and send events to workflow runs: its access is 'unrestricted' and Spring Security is not on"
						+ " the classpath");
			});
	}

	@Test
	void readOnlyAccessIsNotWarnedOf(CapturedOutput output) {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=workflows").run((context) -> {
			assertThat(context).hasSingleBean(WorkflowsEndpoint.class);
			assertThat(output).doesNotContain("The 'workflows' endpoint allows anyone");
		});
	}

	@Test
	void accessNoneSwitchesTheEndpointOff() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=workflows",
					"management.endpoint.workflows.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowsEndpoint.class));
	}

	@Test
	void anEndpointOfTheApplicationReplacesOurs() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=workflows")
			.withUserConfiguration(OwnEndpoint.class)
			.run((context) -> assertThat(context).hasSingleBean(WorkflowsEndpoint.class)
				.getBean(WorkflowsEndpoint.class)
				.isSameAs(context.getBean(OwnEndpoint.class).endpoint));
	}

	@Test
	void withoutActuatorThereIsNoEndpointAndNoHealthIndicator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=workflows")
			.withClassLoader(new FilteredClassLoader(Endpoint.class, HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WorkflowClient.class)
				.doesNotHaveBean(WorkflowsEndpoint.class)
				.doesNotHaveBean(WorkflowHealthIndicator.class));
	}

	@Test
	void theHealthIndicatorIsThereByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(WorkflowHealthIndicator.class)
			.hasBean("workflowsHealthIndicator"));
	}

	@Test
	void theHealthIndicatorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.workflows.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowHealthIndicator.class));
	}

	@Test
	void aHealthIndicatorOfTheApplicationReplacesOurs() {
		this.runner.withUserConfiguration(OwnHealthIndicator.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowHealthIndicator.class)
				.hasBean("workflowsHealthIndicator"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEndpoint {

		final WorkflowsEndpoint endpoint;

		OwnEndpoint(WorkflowClient client) {
			this.endpoint = new WorkflowsEndpoint(client);
		}

		@Bean
		WorkflowsEndpoint ownWorkflowsEndpoint() {
			return this.endpoint;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnHealthIndicator {

		@Bean
		HealthIndicator workflowsHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
