package com.example.onboarding;

import java.time.Duration;
import java.util.List;

import com.example.onboarding.OnboardingDatabase.Outcome;
import io.durable.workflow.StepInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A language model that stays overloaded: the content generation fails all five attempts
 * of its retry policy (with short waits, set for this workflow only), so the workflow
 * fails with the last attempt's error, never refines content or creates a welcome
 * message, and its outcome is recorded as failed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.content-failures=5",
				"workflow.workflows.userOnboarding.retry.initial-backoff=10ms" })
class OnboardingRetriesExhaustedTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String LAST_ERROR = "com.example.onboarding.workflow.ModelOverloadedException:"
			+ " The language model is overloaded (attempt 5 for this workflow), try again later";

	private static final String ERROR = "Step 'generateCustomContent' failed: " + LAST_ERROR;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void contentThatFailsEveryAttemptFailsTheWorkflow() {
		OnboardingApi api = new OnboardingApi(this.port);
		OnboardingDatabase database = new OnboardingDatabase(this.jdbc);
		String id = api.startOnboarding("bob");
		await("waiting for the code").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.workflow(id), OnboardingApi::waitsForVerification);
		api.verify(id, database.verificationCode(id)).assertStatus(202);

		JsonNode workflow = await("workflow finished").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.workflow(id), OnboardingApi::finished);

		assertThat(workflow.get("status").asString()).isEqualTo("FAILED");
		assertThat(workflow.get("error").asString()).isEqualTo(ERROR);
		List<JsonNode> steps = workflow.get("steps").valueStream().toList();
		assertThat(steps).extracting((step) -> step.get("name").asString())
			.containsExactly("sendVerificationEmail", OnboardingDatabase.NOW, OnboardingApi.VERIFICATION_WAIT,
					OnboardingApi.VERIFICATION_CHECK, "generateCustomContent", "lookUpCrmProfile");
		assertThat(steps).extracting((step) -> step.get("state").asString())
			.containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "COMPLETED");
		assertThat(steps.get(4).get("attempts").asInt()).isEqualTo(5);
		assertThat(steps.get(4).get("error").asString()).isEqualTo(LAST_ERROR);
		assertThat(database.executions(id, "generateCustomContent")).as("content generation attempts").isEqualTo(5);
		assertThat(database.executions(id, "lookUpCrmProfile")).as("profile lookups").isEqualTo(1);
		assertThat(database.executions(id, StepInfo.child("refineContent"))).as("refinements").isZero();
		assertThat(database.executions(id, "createWelcomeMessage")).as("welcome messages").isZero();
		assertThat(database.executions(id, "sendFollowUpEmail")).as("follow-up emails").isZero();
		assertThat(database.outcomes(id)).containsExactly(new Outcome("bob", "FAILED", ERROR));
	}

}
