package com.example.onboarding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.example.onboarding.OnboardingDatabase.JournalRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Proves the durability promise with a real crash: the sample application runs in a JVM of its
 * own, which is killed with SIGKILL while an onboarding workflow is in the middle of its steps
 * (two of them in parallel). A second JVM on the same database then finishes the workflow, and
 * the database shows that every step journaled as completed before the kill ran exactly once,
 * every other step at most twice (it may have been running at the kill), the transactional step
 * exactly once, and that the journal holds one completed entry per step, in call order.
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

		assertThat(database.runState(id)).isEqualTo("IN_PROGRESS");
		List<JournalRow> journalAtKill = database.journal(id);
		assertThat(journalAtKill).as("journal positions follow the call order")
			.allSatisfy((row) -> assertThat(row.name()).isEqualTo(OnboardingDatabase.STEPS.get(row.sequence())));
		Set<String> completedBeforeKill = journalAtKill.stream()
			.filter(JournalRow::completed)
			.map(JournalRow::name)
			.collect(Collectors.toSet());
		assertThat(completedBeforeKill).as("the steps journaled COMPLETED when the JVM was killed")
			.hasSizeBetween(2, OnboardingDatabase.STEPS.size() - 1);

		SampleAppProcess second = this.apps.start("second", applicationArguments());
		second.awaitServing(STARTUP_TIMEOUT);
		JsonNode finished = await("workflow finished after the restart").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> second.api().workflow(id), (view) -> !view.get("status").asString().equals("IN_PROGRESS"));
		assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(finished.get("result").asString()).isEqualTo("Welcome aboard, Crash-test-user (team plan)!"
				+ " Hi crash-test-user, a good way to start is inviting your team.");
		second.stop();

		assertThat(database.runState(id)).isEqualTo("COMPLETED");
		assertThat(database.journal(id)).as("one COMPLETED journal entry per step, in call order")
			.extracting(JournalRow::sequence, JournalRow::name, JournalRow::state)
			.containsExactlyElementsOf(IntStream.range(0, OnboardingDatabase.STEPS.size())
				.mapToObj((sequence) -> tuple(sequence, OnboardingDatabase.STEPS.get(sequence), "COMPLETED"))
				.toList());
		for (String step : OnboardingDatabase.STEPS) {
			int executions = database.executions(id, step);
			if (completedBeforeKill.contains(step)) {
				assertThat(executions).as("executions of %s, journaled COMPLETED before the kill", step).isEqualTo(1);
			}
			else {
				assertThat(executions).as("executions of %s, not journaled COMPLETED before the kill (%s were)", step,
						completedBeforeKill)
					.isBetween(1, 2);
			}
		}
		assertThat(database.executions(id, "createWelcomeMessage")).as("welcome messages").isEqualTo(1);
	}

	private List<String> applicationArguments() {
		List<String> arguments = new ArrayList<>(databaseArguments());
		// Steps long enough to be killed in the middle of one; a dead node's lease runs out quickly.
		arguments.add("--sample.step-delay=1500ms");
		arguments.add("--workflow.lease.duration=2s");
		// No failed attempts, so the side-effect rows count only re-runs after the crash; and no wait.
		arguments.add("--sample.content-failures=0");
		arguments.add("--sample.follow-up-delay=0s");
		return arguments;
	}

	private static long completedSteps(JsonNode workflow) {
		return workflow.get("steps")
			.valueStream()
			.filter((step) -> step.get("state").asString().equals("COMPLETED"))
			.count();
	}

}
