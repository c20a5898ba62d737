package com.example.onboarding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves the durability promise with a real crash: the sample application runs in a JVM of its
 * own, which is killed with SIGKILL while an onboarding workflow is in the middle of a step. A
 * second JVM on the same database then finishes the workflow, and the database shows that every
 * step completed before the kill ran exactly once, the interrupted step at most twice, the
 * transactional step exactly once, and that the journal holds one entry per step.
 */
abstract class CrashRecoveryTests {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);

	/** Where the application JVMs run and log: {@code target/crash-tests/<test class>}. */
	final Path directory = Path.of("target", "crash-tests", getClass().getSimpleName()).toAbsolutePath();

	@RegisterExtension
	final SampleApps apps = new SampleApps(this.directory);

	/** The arguments that point an application JVM at the database under test. */
	abstract List<String> databaseArguments();

	/**
	 * The database under test, for the test's own queries, which run only while no application
	 * JVM is using it (an H2 file admits one process at a time).
	 */
	abstract DataSource dataSource();

	@Test
	void workflowKilledMidStepFinishesAfterRestartWithoutRepeatingCompletedSteps() throws Exception {
		OnboardingDatabase database = new OnboardingDatabase(JdbcClient.create(dataSource()));

		SampleAppProcess first = this.apps.start("first", applicationArguments());
		first.awaitServing(STARTUP_TIMEOUT);
		String id = first.api().startOnboarding("crash-test-user");
		await("two steps completed").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> completedSteps(first.api().workflow(id)) >= 2);
		first.kill();

		List<String> completedBeforeKill = database.journal(id);
		assertThat(database.runState(id)).isEqualTo("IN_PROGRESS");
		assertThat(completedBeforeKill).as("the steps journaled when the JVM was killed")
			.hasSizeBetween(2, OnboardingDatabase.STEPS.size() - 1)
			.isEqualTo(OnboardingDatabase.STEPS.subList(0, completedBeforeKill.size()));

		SampleAppProcess second = this.apps.start("second", applicationArguments());
		second.awaitServing(STARTUP_TIMEOUT);
		JsonNode finished = await("workflow finished after the restart").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> second.api().workflow(id), (view) -> !view.get("status").asString().equals("IN_PROGRESS"));
		assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(finished.get("result").asString()).startsWith("Welcome aboard! Hi crash-test-user, ");
		second.stop();

		assertThat(database.runState(id)).isEqualTo("COMPLETED");
		assertThat(database.journal(id)).as("one journal entry per step")
			.containsExactlyElementsOf(OnboardingDatabase.STEPS);
		String interrupted = OnboardingDatabase.STEPS.get(completedBeforeKill.size());
		for (String step : OnboardingDatabase.STEPS) {
			int executions = database.executions(id, step);
			if (step.equals(interrupted)) {
				assertThat(executions).as("executions of %s, interrupted by the kill", step).isBetween(1, 2);
			}
			else {
				assertThat(executions).as("executions of %s", step).isEqualTo(1);
			}
		}
		assertThat(database.executions(id, "createWelcomeMessage")).as("welcome messages").isEqualTo(1);
	}

	private List<String> applicationArguments() {
		List<String> arguments = new ArrayList<>(databaseArguments());
		// Steps long enough to be killed in the middle of one; a dead node's lease runs out quickly.
		arguments.add("--sample.step-delay=1500ms");
		arguments.add("--workflow.lease.duration=2s");
		return arguments;
	}

	private static long completedSteps(JsonNode workflow) {
		return workflow.get("steps")
			.valueStream()
			.filter((step) -> step.get("state").asString().equals("COMPLETED"))
			.count();
	}

}
