package io.durable.workflow.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Nonsense in {@code workflow.*} fails start-up with a message naming the property, and every
 * property is described in the generated metadata that IDEs show.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowPropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
				WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"workflow.retry.max-attempts | 0 | retry.maxAttempts | 0 | must be greater than or equal to 1",
			"workflow.retry.base | 0.5 | retry.base | 0.5 | must be greater than or equal to 1.0",
			"workflow.retry.initial-backoff | -1s | retry.initialBackoff | PT-1S | must be longer than or equal to 0",
			"workflow.max-parallelism | 0 | maxParallelism | 0 | must be greater than or equal to 1",
			"workflow.lease.duration | -5s | lease.duration | PT-5S | must be longer than or equal to",
			"workflow.retention.completed | 0s | retention.completed | PT0S | must be longer than or equal to",
			"workflow.retention.batch-size | 0 | retention.batchSize | 0 | must be greater than or equal to 1",
			"workflow.workflows.orders.retry.max-attempts | 0 | workflows[orders].retry.maxAttempts | 0 | must be greater" })
	void nonsenseFailsStartUpNamingTheProperty(String property, String value, String field, String shown,
			String reason, CapturedOutput output) {
		SpringApplication application = new SpringApplication(NoApplicationBeans.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.datasource.generate-unique-name", "true", property, value));

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("Property: workflow." + field)
			.contains("Value: \"" + shown + "\"")
			.contains("Reason: " + reason);
	}

	@Test
	void sensibleValuesStartUp() {
		this.runner
			.withPropertyValues("workflow.retry.max-attempts=1", "workflow.retry.base=1",
					"workflow.retry.initial-backoff=0s", "workflow.workflows.orders.retry.actions-by-default=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
			WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class })
	static class NoApplicationBeans {

	}

	@Test
	void everyPropertyHasADescriptionInTheMetadata() throws IOException {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> properties = (List<Map<String, Object>>) JsonMapper.shared()
				.readValue(json, Map.class)
				.get("properties");
			assertThat(properties).extracting((property) -> property.get("name"))
				.contains("workflow.max-parallelism", "workflow.retry.max-attempts", "workflow.retry.initial-backoff",
						"workflow.retry.base", "workflow.retry.actions-by-default", "workflow.suspend-threshold",
						"workflow.jdbc.initialize-schema", "workflow.health.claim-loop-timeout",
						"workflow.health.backlog-lag-threshold", "management.health.workflows.enabled",
						"management.endpoint.workflows.access");
			assertThat(properties).allSatisfy((property) -> assertThat(property.get("description"))
				.as("description of %s", property.get("name"))
				.isNotNull());
			assertThat(properties)
				.filteredOn((property) -> List
					.of("workflow.max-parallelism", "workflow.retry.max-attempts", "workflow.retry.initial-backoff",
							"workflow.retry.base", "workflow.poll-interval", "workflow.lease.duration",
							"workflow.jdbc.initialize-schema", "workflow.suspend-threshold")
					.contains(property.get("name")))
				.allSatisfy((property) -> assertThat(property.get("defaultValue"))
					.as("default of %s", property.get("name"))
					.isNotNull());
		}
	}

}
