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
import com.example.onboarding.OnboardingDatabase.Outcome;
import io.durable.workflow.StepInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Proves the durability promise with a real crash: the sample application runs in a JVM
 * of its own, which is killed with SIGKILL while an onboarding workflow is in the middle
 * of its steps: past the wait for the verification code and the two parallel steps, while
 * the refinement child workflow runs. A second JVM on the same database then finishes
 * both workflows, and the database shows, for the onboarding and for its child, that
 * every step journaled as completed before the kill ran exactly once, every other step at
 * most twice (it may have been running at the kill), the transactional step and the
 * completion handler exactly once, and that each journal holds one completed entry per
 * step, in call order.
 */
abstract class CrashRecoveryTests {

	static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);

	static final String VERIFICATION_CODE = "135790";

	static final String CHILD = StepInfo.child("refineContent");

	private static final String WELCOME = "Welcome aboard, Crash-test-user (team plan)!"
			+ " Hi crash-test-user, a good way to start is inviting your team. Start today!";

	/**
	 * Where the application JVMs run and log: {@code target/crash-tests/<test class>}.
	 */
	final Path directory = Path.of("target", "crash-tests", getClass().getSimpleName()).toAbsolutePath();

	@RegisterExtension
	final SampleApps apps = new SampleApps(this.directory);

	/** The arguments that point an application JVM at the database under test. */
	abstract List<String> databaseArguments();

	/**
	 * The database under test, for the test's own queries, which run only while no
	 * application JVM is using it (an H2 file admits one process at a time).
	 */
	abstract DataSource dataSource();

	@Test
	void workflowKilledMidStepFinishesAfterRestartWithoutRepeatingCompletedSteps() throws Exception {
		OnboardingDatabase database = new OnboardingDatabase(JdbcClient.create(dataSource()));

		SampleAppProcess first = this.apps.start("first", applicationArguments(Duration.ofSeconds(2)));
		first.awaitServing(STARTUP_TIMEOUT);
		String id = first.api().startOnboarding("crash-test-user");
		await("waiting for the verification code").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> first.api().workflow(id), OnboardingApi::waitsForVerification);
		first.api().verify(id, VERIFICATION_CODE).assertStatus(202);
		await("refinement child workflow started").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> OnboardingApi.step(first.api().workflow(id), CHILD) != null);
		first.kill();

		assertThat(database.runState(id)).isEqualTo("IN_PROGRESS");
		String child = database.child(id);
		Set<String> completedBeforeKill = completedAtKill(database, id, OnboardingDatabase.STEPS);
		assertThat(completedBeforeKill).as("the steps journaled COMPLETED when the JVM was killed")
			.hasSizeBetween(2, OnboardingDatabase.STEPS.size() - 1);
		Set<String> childCompletedBeforeKill = completedAtKill(database, child, OnboardingDatabase.REFINEMENT_STEPS);

		SampleAppProcess second = this.apps.start("second", applicationArguments(Duration.ofSeconds(2)));
		second.awaitServing(STARTUP_TIMEOUT);
		JsonNode finished = await("workflow finished after the restart").atMost(PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> second.api().workflow(id), OnboardingApi::finished);
		assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(finished.get("result").asString()).isEqualTo(WELCOME);
		second.stop();

		assertThat(database.runState(id)).isEqualTo("COMPLETED");
		assertThat(database.runState(child)).isEqualTo("COMPLETED");
		assertRanOnceEach(database, id, OnboardingDatabase.STEPS, completedBeforeKill);
		assertRanOnceEach(database, child, OnboardingDatabase.REFINEMENT_STEPS, childCompletedBeforeKill);
		assertThat(database.executions(id, "createWelcomeMessage")).as("welcome messages").isEqualTo(1);
		assertThat(database.outcomes(id)).containsExactly(new Outcome("crash-test-user", "COMPLETED", WELCOME));
	}

	/**
	 * The steps of a run journaled COMPLETED at the kill, checking that their positions
	 * follow the call order.
	 */
	private static Set<String> completedAtKill(OnboardingDatabase database, String runId, List<String> steps) {
		List<JournalRow> journal = database.journal(runId);
		assertThat(journal).as("journal positions of %s follow the call order", runId)
			.allSatisfy((row) -> assertThat(row.name()).isEqualTo(steps.get(row.sequence())));
		return journal.stream().filter(JournalRow::completed).map(JournalRow::name).collect(Collectors.toSet());
	}

	/**
	 * Checks a finished run: one COMPLETED journal entry per step in call order; steps
	 * completed before the kill executed once, the others once or twice.
	 */
	private static void assertRanOnceEach(OnboardingDatabase database, String runId, List<String> steps,
			Set<String> completedBeforeKill) {
		assertThat(database.journal(runId)).as("one COMPLETED journal entry per step of %s, in call order", runId)
			.extracting(JournalRow::sequence, JournalRow::name, JournalRow::state)
			.containsExactlyElementsOf(IntStream.range(0, steps.size())
				.mapToObj((sequence) -> tuple(sequence, steps.get(sequence), "COMPLETED"))
				.toList());
		for (String step : steps) {
			int executions = database.executions(runId, step);
			if (completedBeforeKill.contains(step)) {
				assertThat(executions).as("executions of %s, journaled COMPLETED before the kill", step).isEqualTo(1);
			}
			else {
				assertThat(executions)
					.as("executions of %s, not journaled COMPLETED before the kill (%s were)", step,
							completedBeforeKill)
					.isBetween(1, 2);
			}
		}
	}

	/**
	 * Steps long enough to be killed in the middle of one, and leases of the given
	 * duration.
	 */
	List<String> applicationArguments(Duration lease) {
		List<String> arguments = new ArrayList<>(databaseArguments());
		arguments.add("--sample.step-delay=1500ms");
		arguments.add("--workflow.lease.duration=" + lease.toSeconds() + "s");
		// A code the test knows: it cannot read the H2 file while the application has it
		// open.
		arguments.add("--sample.verification-code=" + VERIFICATION_CODE);
		// No failed attempts, so the side-effect rows count only re-runs after the crash;
		// and no wait.
		arguments.add("--sample.content-failures=0");
		arguments.add("--sample.follow-up-delay=0s");
		return arguments;
	}

}
