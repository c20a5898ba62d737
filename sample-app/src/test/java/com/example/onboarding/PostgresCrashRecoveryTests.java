package com.example.onboarding;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import io.durable.workflow.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash test on PostgreSQL (a database of its own), with the {@code postgres}
 * profile; and a node still running takes a killed node's workflow over at once, long
 * before its lease ends.
 */
class PostgresCrashRecoveryTests extends CrashRecoveryTests {

	@Test
	void aNodeStillRunningTakesAKilledNodesWorkflowOverBeforeItsLeaseRunsOut() throws Exception {
		// Leases far longer than the test may take: only the killed node's lost liveness
		// lock lets
		// the other node take its runs over in time.
		Duration lease = Duration.ofMinutes(10);
		// One after the other: the sample's own schema.sql (Spring Boot's script
		// initializer) is not
		// safe for nodes starting at the same moment on an empty database.
		SampleAppProcess first = this.apps.start("first", applicationArguments(lease));
		first.awaitServing(STARTUP_TIMEOUT);
		SampleAppProcess second = this.apps.start("second", applicationArguments(lease));
		second.awaitServing(STARTUP_TIMEOUT);
		String id = first.api().startOnboarding("takeover-user");
		await("waiting for the verification code").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> first.api().workflow(id), OnboardingApi::waitsForVerification);
		first.api().verify(id, VERIFICATION_CODE).assertStatus(202);
		await("refinement child workflow started").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> OnboardingApi.step(first.api().workflow(id), CHILD) != null);

		first.kill();

		JsonNode finished = await("workflow finished by the other node").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> second.api().workflow(id), OnboardingApi::finished);
		assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
		second.stop();
	}

	private final PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();

	@Override
	List<String> databaseArguments() {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + this.database.url(),
				"--spring.datasource.username=" + this.database.username(),
				"--spring.datasource.password=" + this.database.password());
	}

	@Override
	DataSource dataSource() {
		return new DriverManagerDataSource(this.database.url(), this.database.username(), this.database.password());
	}

}
