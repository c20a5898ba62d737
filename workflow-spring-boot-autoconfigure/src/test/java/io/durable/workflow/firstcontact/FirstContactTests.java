package io.durable.workflow.firstcontact;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.durable.workflow.ListQuery;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quick start as a new user tries it: an application that configures nothing runs a
 * workflow with a transactional step and an event to its end on Spring Boot's defaults,
 * and so it does under every {@code spring.jpa.hibernate.ddl-auto} on an in-memory H2, a
 * file H2 (across a restart) and PostgreSQL. The module's own test configuration is not
 * read: these applications have only what a user would write.
 */
class FirstContactTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final List<String> DDL_AUTO = List.of("none", "validate", "update", "create", "create-drop");

	@Test
	void anApplicationThatConfiguresNothingRunsAWorkflowToItsEnd() {
		try (ConfigurableApplicationContext context = start(Map.of())) {
			signUpAndConfirm(context);
		}
	}

	static Stream<Arguments> ddlAuto() {
		return DDL_AUTO.stream().map(Arguments::of);
	}

	@ParameterizedTest(name = "ddl-auto={0}")
	@MethodSource("ddlAuto")
	void anInMemoryH2RunsAWorkflowUnderEveryDdlAuto(String ddlAuto) {
		try (ConfigurableApplicationContext context = start(Map.of("spring.jpa.hibernate.ddl-auto", ddlAuto))) {
			signUpAndConfirm(context);
		}
	}

	@ParameterizedTest(name = "ddl-auto={0}")
	@MethodSource("ddlAuto")
	void aFileH2KeepsItsWorkflowsAcrossARestartUnderEveryDdlAuto(String ddlAuto, @TempDir Path directory) {
		Map<String, String> properties = onDatabase("jdbc:h2:file:" + directory.resolve("signup"), "sa", "", ddlAuto);
		WorkflowId id;
		try (ConfigurableApplicationContext context = start(properties)) {
			WorkflowClient client = context.getBean(WorkflowClient.class);
			id = client.start(SignupWorkflow.class, (workflow) -> workflow.signUp("ada@example.com"));
			await().atMost(TIMEOUT)
				.until(() -> client.listSteps(id, ListQuery.first(10))
					.items()
					.stream()
					.anyMatch((step) -> step.state() == StepState.WAITING));
		}
		try (ConfigurableApplicationContext context = start(properties)) {
			WorkflowClient client = context.getBean(WorkflowClient.class);
			client.sendEvent(id, SignupWorkflow.CONFIRMATION, "424242");
			assertThat(client.result(id, String.class, TIMEOUT))
				.matches("account \\d+ of ada@example.com confirmed with 424242");
		}
	}

	@ParameterizedTest(name = "ddl-auto={0}")
	@MethodSource("ddlAuto")
	void postgresRunsAWorkflowUnderEveryDdlAuto(String ddlAuto) {
		PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();
		try (ConfigurableApplicationContext context = start(
				onDatabase(database.url(), database.username(), database.password(), ddlAuto))) {
			signUpAndConfirm(context);
		}
	}

	/**
	 * A database the starter does not create tables in by default, as the quick start has
	 * it: {@code initialize-schema: always}, and the application's own schema script
	 * where Hibernate does not create its tables.
	 */
	private static Map<String, String> onDatabase(String url, String username, String password, String ddlAuto) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", username);
		properties.put("spring.datasource.password", password);
		properties.put("spring.jpa.hibernate.ddl-auto", ddlAuto);
		properties.put("workflow.jdbc.initialize-schema", "always");
		if (ddlAuto.equals("none") || ddlAuto.equals("validate")) {
			properties.put("spring.sql.init.mode", "always");
		}
		return properties;
	}

	private static void signUpAndConfirm(ConfigurableApplicationContext context) {
		WorkflowClient client = context.getBean(WorkflowClient.class);
		WorkflowId id = client.start(SignupWorkflow.class, (workflow) -> workflow.signUp("ada@example.com"));
		client.sendEvent(id, SignupWorkflow.CONFIRMATION, "424242");

		assertThat(client.result(id, String.class, TIMEOUT))
			.matches("account \\d+ of ada@example.com confirmed with 424242");
		assertThat(context.getBean(AccountRepository.class).findAll()).extracting(Account::getEmail)
			.containsExactly("ada@example.com");
	}

	/**
	 * Starts the application with only the given properties (not the module's
	 * application.properties).
	 */
	static ConfigurableApplicationContext start(Map<String, String> properties) {
		List<String> args = new ArrayList<>();
		args.add("--spring.config.name=signup");
		properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(SignupApplication.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

}
