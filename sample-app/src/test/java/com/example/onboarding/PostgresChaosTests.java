package com.example.onboarding;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.durable.workflow.test.StoppablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboardings on two node JVMs sharing a real PostgreSQL, through a SIGKILL of one node while it
 * runs a step, the database stopped and started again, and a third node started: every workflow
 * completes, none fails, every transactional effect and outcome is recorded exactly once, the
 * killed node's runs are taken over within the takeover time (the leases last a minute), and no
 * step runs on two nodes at once (as each node's {@link StepExecutionLog} shows).
 */
class PostgresChaosTests {

	private static final int WORKFLOWS = 10;

	private static final Duration OUTAGE = Duration.ofSeconds(5);

	/** Long enough that the leases are not what moves runs on. */
	private static final Duration LEASE = Duration.ofSeconds(60);

	/** What the README promises for a takeover after a crash on PostgreSQL, at the 95th percentile. */
	private static final Duration TAKEOVER = Duration.ofSeconds(2);

	private final Path directory = Path.of("target", "crash-tests", getClass().getSimpleName()).toAbsolutePath();

	@RegisterExtension
	final SampleApps apps = new SampleApps(this.directory);

	@Test
	void everyOnboardingCompletesOnceThroughAKillAndADatabaseOutage() throws Exception {
		try (StoppablePostgres database = StoppablePostgres.start(this.directory.resolve("postgres"))) {
			SampleAppProcess first = start("first", database);
			first.awaitServing(CrashRecoveryTests.STARTUP_TIMEOUT);
			SampleAppProcess second = start("second", database);
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
			await("a step running on the first node").atMost(CrashRecoveryTests.PROGRESS_TIMEOUT)
				.until(() -> !unfinished("first").isEmpty());
			Instant killedAt = Instant.now();
			first.kill();
			Instant died = Instant.now();
			Set<String> cutOff = unfinished("first");

			// The second node resumes each run the first was running a step of, long before its lease ends.
			Map<String, Duration> takeovers = new TreeMap<>();
			await("the first node's runs taken over").atMost(LEASE)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> {
					for (String run : cutOff) {
						executions("second", null).stream()
							.filter((execution) -> execution.runId().equals(run) && execution.start().isAfter(killedAt))
							.findFirst()
							.ifPresent((execution) -> takeovers.put(run, Duration.between(killedAt, execution.start())));
					}
					return takeovers.keySet().equals(cutOff);
				});
			System.out.println("Takeover after SIGKILL, per run: " + takeovers);
			assertThat(takeovers.values()).as("takeover times").allSatisfy((time) -> assertThat(time).isLessThan(TAKEOVER));

			// The outage is the scenario's stimulus, not a wait for something to happen.
			database.stop();
			Thread.sleep(OUTAGE.toMillis());
			database.restart();
			SampleAppProcess restarted = start("restarted", database);
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
			List<StepExecutionLog.Execution> executions = new ArrayList<>(executions("first", died));
			executions.addAll(executions("second", null));
			executions.addAll(executions("restarted", null));
			for (StepExecutionLog.Execution execution : executions) {
				assertThat(executions).as("attempts of step %d of %s on another node during %s", execution.sequence(),
						execution.runId(), execution)
					.noneMatch((other) -> !other.node().equals(execution.node())
							&& other.runId().equals(execution.runId()) && other.sequence() == execution.sequence()
							&& other.overlaps(execution));
			}
		}
	}

	private SampleAppProcess start(String name, StoppablePostgres database) throws IOException {
		List<String> arguments = new ArrayList<>(arguments(database));
		arguments.add("--test.step-log=" + stepLog(name));
		return this.apps.start(name, arguments);
	}

	private Path stepLog(String node) {
		return this.directory.resolve(node + ".steps");
	}

	/** The step attempts a node has logged; those it has not ended end at {@code diedAt}, or now. */
	private List<StepExecutionLog.Execution> executions(String node, Instant diedAt) throws IOException {
		return StepExecutionLog.read(stepLog(node), node, (diedAt != null) ? diedAt : Instant.now());
	}

	/** The runs a node is running a step of, as far as its log says. */
	private Set<String> unfinished(String node) throws IOException {
		return executions(node, null).stream()
			.filter((execution) -> !execution.ended())
			.map(StepExecutionLog.Execution::runId)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static List<String> arguments(StoppablePostgres database) {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--sample.step-delay=300ms", "--workflow.lease.duration=" + LEASE.toSeconds() + "s",
				"--sample.verification-code=" + CrashRecoveryTests.VERIFICATION_CODE, "--sample.content-failures=0",
				"--sample.follow-up-delay=0s");
	}

}
