package com.example.onboarding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.test.StoppablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboardings on two node JVMs sharing a real PostgreSQL, through a SIGKILL of one node, its
 * restart, and the database stopped and started again in the middle: every workflow completes,
 * none fails, and every transactional effect and outcome is recorded exactly once.
 */
class PostgresChaosTests {

	private static final int WORKFLOWS = 10;

	private static final Duration OUTAGE = Duration.ofSeconds(5);

	private final Path directory = Path.of("target", "crash-tests", getClass().getSimpleName()).toAbsolutePath();

	@RegisterExtension
	final SampleApps apps = new SampleApps(this.directory);

	@Test
	void everyOnboardingCompletesOnceThroughAKillAndADatabaseOutage() throws Exception {
		try (StoppablePostgres database = StoppablePostgres.start(this.directory.resolve("postgres"))) {
			List<String> arguments = arguments(database);
			SampleAppProcess first = this.apps.start("first", arguments);
			first.awaitServing(CrashRecoveryTests.STARTUP_TIMEOUT);
			SampleAppProcess second = this.apps.start("second", arguments);
			second.awaitServing(CrashRecoveryTests.STARTUP_TIMEOUT);

			List<String> ids = new ArrayList<>();
			for (int i = 0; i < WORKFLOWS; i++) {
				SampleAppProcess node = (i % 2 == 0) ? first : second;
				String id = node.api().startOnboarding("chaos-" + i);
				await().atMost(CrashRecoveryTests.PROGRESS_TIMEOUT)
					.until(() -> node.api().workflow(id), OnboardingApi::waitsForVerification);
				node.api().verify(id, CrashRecoveryTests.VERIFICATION_CODE).assertStatus(202);
				ids.add(id);
			}
			first.kill();
			// The outage is the scenario's stimulus, not a wait for something to happen.
			database.stop();
			Thread.sleep(OUTAGE.toMillis());
			database.restart();
			SampleAppProcess restarted = this.apps.start("restarted", arguments);
			restarted.awaitServing(CrashRecoveryTests.STARTUP_TIMEOUT);

			for (String id : ids) {
				await("onboarding " + id + " finished").atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofMillis(250))
					.until(() -> second.api().workflow(id), OnboardingApi::finished);
			}
			second.stop();
			restarted.stop();

			OnboardingDatabase journal = new OnboardingDatabase(JdbcClient.create(new DriverManagerDataSource(
					database.jdbcUrl(), "postgres", "postgres")));
			for (String id : ids) {
				assertThat(journal.runState(id)).as("state of %s", id).isEqualTo("COMPLETED");
				assertThat(journal.executions(id, "createWelcomeMessage")).as("welcome messages of %s", id).isEqualTo(1);
				assertThat(journal.outcomes(id)).as("outcomes of %s", id).hasSize(1);
			}
		}
	}

	private static List<String> arguments(StoppablePostgres database) {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--sample.step-delay=300ms", "--workflow.lease.duration=3s",
				"--sample.verification-code=" + CrashRecoveryTests.VERIFICATION_CODE, "--sample.content-failures=0",
				"--sample.follow-up-delay=0s");
	}

}
