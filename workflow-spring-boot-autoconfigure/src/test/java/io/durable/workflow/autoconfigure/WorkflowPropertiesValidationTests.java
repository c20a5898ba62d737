package io.durable.workflow.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Mistakes in {@code workflow.*} fail start-up with a failure analysis naming the
 * property: a name no property has (with the name meant), a value below its minimum (with
 * the unit a number without one is read in), an unknown schema initialization mode (with
 * the valid ones). Every property is described in the generated metadata that IDEs show.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowPropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
				WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void aMistypedNameFailsStartUpNamingTheNameMeant(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(run("workflow.max-paralelism", "5"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: workflow.max-paralelism")
			.contains("Value: \"5\"")
			.contains("Origin: \"workflow.max-paralelism\" from property source \"defaultProperties\"")
			.contains("Reason: no workflow property has this name; did you mean workflow.max-parallelism?");
	}

	@ParameterizedTest
	@CsvSource({ "workflow.jdbc.initialise-schema, workflow.jdbc.initialize-schema",
			"workflow.lease.duratoin, workflow.lease.duration", "workflow.leases.duration, workflow.lease.duration",
			"workflow.retry.max-attemps, workflow.retry.max-attempts",
			"workflow.workflows.orders.retries.base, workflow.workflows.orders.retry.base",
			"workflow.workflows.userOnboarding.retry.max-atempts, workflow.workflows.userOnboarding.retry.max-attempts",
			"workflow.workflows[my.flow].retry.bse, workflow.workflows[my.flow].retry.base" })
	void aMistypedNestedNameNamesTheNameMeant(String mistyped, String meant) {
		this.runner.withPropertyValues(mistyped + "=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analysis(context).getDescription())
				.contains("Origin: \"" + mistyped + "\" from property source \"test\"")
				.contains("did you mean " + meant + "?");
		});
	}

	@Test
	void aNameLikeNoPropertyIsReportedWithoutAGuess() {
		this.runner.withPropertyValues("workflow.colour=blue").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analysis(context).getDescription()).contains("Property: workflow.colour")
				.contains("Reason: no workflow property has this name" + System.lineSeparator())
				.doesNotContain("did you mean");
		});
	}

	@Test
	void unknownNamesInSystemPropertiesAreLeftAloneAsSpringBootDoes() {
		this.runner.withSystemProperties("workflow.max-paralelism=5")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"workflow.lease.duration | 10 | must be longer than or equal to 1 second; a number without a unit is milliseconds: 10 means 10ms, write 10s for seconds",
			"workflow.poll-interval | 5ms | must be longer than or equal to 10 millis",
			"workflow.suspend-threshold | -1ms | must be longer than or equal to 0",
			"workflow.shutdown-timeout | -1s | must be longer than or equal to 0",
			"workflow.retry.initial-backoff | -1ms | must be longer than or equal to 0",
			"workflow.workflows.orders.retry.initial-backoff | -1ms | must be longer than or equal to 0",
			"workflow.retention.completed | 30 | must be longer than or equal to 1 second; a number without a unit is milliseconds: 30 means 30ms",
			"workflow.retention.failed | 999ms | must be longer than or equal to 1 second",
			"workflow.retention.canceled | 0s | must be longer than or equal to 1 second",
			"workflow.retention.interval | 9ms | must be longer than or equal to 10 millis",
			"workflow.health.claim-loop-timeout | 500ms | must be longer than or equal to 1 second",
			"workflow.health.backlog-lag-threshold | 500ms | must be longer than or equal to 1 second",
			"workflow.journal.max-payload-size | 5 | must be at least 1KB; a number without a unit is bytes: 5 means 5B, write 5MB for megabytes",
			"workflow.max-parallelism | 0 | must be greater than or equal to 1",
			"workflow.retry.max-attempts | 0 | must be greater than or equal to 1",
			"workflow.retry.base | 0.5 | must be greater than or equal to 1.0",
			"workflow.retention.batch-size | 0 | must be greater than or equal to 1",
			"workflow.workflows.orders.retry.max-attempts | 0 | must be greater than or equal to 1",
			"workflow.workflows.orders.retry.base | 0.5 | must be greater than or equal to 1.0" })
	void aValueBelowItsMinimumFailsStartUpNamingThePropertyAndTheMinimum(String property, String value, String reason) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("Property: " + property)
				.contains("Value: \"" + value + "\"")
				.contains("Origin: \"" + property + "\" from property source \"test\"")
				.contains("Reason: " + reason);
			assertThat(analysis.getAction()).startsWith("Update your application's configuration");
		});
	}

	@Test
	void aDurationWithoutAUnitBelowItsMinimumIsReportedAsMilliseconds(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(run("workflow.lease.duration", "10"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: workflow.lease.duration")
			.contains("Value: \"10\"")
			.contains("Reason: must be longer than or equal to 1 second; a number without a unit is milliseconds:"
					+ " 10 means 10ms, write 10s for seconds");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"workflow.queues[a/b].concurrency=1 | Queue name 'a/b' under workflow.queues holds other than"
					+ " letters, digits, '.', '_' and '-': rename it",
			"workflow.queues.one.workflows=payment, workflow.queues.two.workflows=payment | Workflow 'payment' is"
					+ " given to two queues, 'one' and 'two': list it under workflow.queues.<name>.workflows"
					+ " of one" })
	void aQueueSettingTheJournalCannotKeepFailsStartUpSayingWhy(String properties, String reason) {
		this.runner.withPropertyValues(properties.split(", ")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage(reason);
		});
	}

	@Test
	void anUnknownSchemaInitializationModeFailsStartUpListingTheValidOnes() {
		this.runner.withPropertyValues("workflow.jdbc.initialize-schema=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("Property: workflow.jdbc.initialize-schema")
				.contains("Value: \"sometimes\"")
				.contains("Origin: \"workflow.jdbc.initialize-schema\" from property source \"test\"");
			assertThat(analysis.getAction()).contains("ALWAYS").contains("EMBEDDED").contains("NEVER");
		});
	}

	@Test
	void everyPropertyAtItsMinimumStartsUp() {
		this.runner.withPropertyValues("workflow.enabled=true", "workflow.node-id=node-a", "workflow.max-parallelism=1",
				"workflow.poll-interval=10ms", "workflow.suspend-threshold=0s", "workflow.shutdown-timeout=0s",
				"workflow.lease.duration=1s", "workflow.journal.max-payload-size=1KB", "workflow.retry.max-attempts=1",
				"workflow.retry.initial-backoff=0s", "workflow.retry.base=1", "workflow.retry.actions-by-default=true",
				"workflow.workflows.userOnboarding.retry.max-attempts=1",
				"workflow.workflows.userOnboarding.retry.initial-backoff=0s",
				"workflow.workflows.userOnboarding.retry.base=1",
				"workflow.workflows.userOnboarding.retry.actions-by-default=false", "workflow.retention.completed=1s",
				"workflow.retention.failed=1s", "workflow.retention.canceled=1s", "workflow.retention.interval=10ms",
				"workflow.retention.batch-size=1", "workflow.health.claim-loop-timeout=1s",
				"workflow.health.backlog-lag-threshold=1s", "workflow.jdbc.initialize-schema=embedded",
				"workflow.jdbc.schema=classpath:io/durable/workflow/journal/schema-@@platform@@.sql",
				"workflow.jdbc.platform=h2", "workflow.jdbc.continue-on-error=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WorkflowProperties.class);
				WorkflowProperties properties = context.getBean(WorkflowProperties.class);
				assertThat(properties.getLease().getDuration()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getJournal().getMaxPayloadSize()).isEqualTo(DataSize.ofKilobytes(1));
				assertThat(properties.getJdbc().getPlatform()).isEqualTo("h2");
				assertThat(properties.getWorkflows().get("userOnboarding").getRetry().getMaxAttempts()).isOne();
			});
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
			assertThat(properties).allSatisfy(
					(property) -> assertThat(property.get("description")).as("description of %s", property.get("name"))
						.isNotNull());
			assertThat(properties)
				.filteredOn((property) -> List
					.of("workflow.max-parallelism", "workflow.retry.max-attempts", "workflow.retry.initial-backoff",
							"workflow.retry.base", "workflow.poll-interval", "workflow.lease.duration",
							"workflow.jdbc.initialize-schema", "workflow.suspend-threshold")
					.contains(property.get("name")))
				.allSatisfy(
						(property) -> assertThat(property.get("defaultValue")).as("default of %s", property.get("name"))
							.isNotNull());
		}
	}

	/**
	 * Starts a whole application, so that Spring Boot itself analyzes and reports the
	 * failure.
	 */
	private static ThrowingCallable run(String property, String value) {
		SpringApplication application = new SpringApplication(NoApplicationBeans.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.datasource.generate-unique-name", "true", property, value));
		return application::run;
	}

	/**
	 * The analysis Spring Boot reports: the first of the registered analyzers, in their
	 * order, that has one.
	 */
	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, FailureHandler.handleMessage((message, ex) -> {
			}))
			.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			TransactionAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
			WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class })
	static class NoApplicationBeans {

	}

}
