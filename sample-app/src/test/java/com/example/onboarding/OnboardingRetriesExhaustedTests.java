package com.example.onboarding;

import java.time.Duration;
import java.util.List;

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
 * A language model that stays overloaded: the content generation fails all five attempts of its
 * retry policy (with short waits, set for this workflow only), so the workflow fails with the
 * last attempt's error and never creates a welcome message.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.content-failures=5",
				"workflow.workflows.userOnboarding.retry.initial-backoff=10ms" })
class OnboardingRetriesExhaustedTests {

	private static final String LAST_ERROR = "com.example.onboarding.workflow.ModelOverloadedException:"
			+ " The language model is overloaded (attempt 5 for this workflow), try again later";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void contentThatFailsEveryAttemptFailsTheWorkflow() {
		OnboardingApi api = new OnboardingApi(this.port);
		OnboardingDatabase database = new OnboardingDatabase(this.jdbc);
		String id = api.startOnboarding("bob");

		JsonNode workflow = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.workflow(id), (view) -> !view.get("status").asString().equals("IN_PROGRESS"));

		assertThat(workflow.get("status").asString()).isEqualTo("FAILED");
		assertThat(workflow.get("error").asString()).isEqualTo("Step 'generateCustomContent' failed: " + LAST_ERROR);
		List<JsonNode> steps = workflow.get("steps").valueStream().toList();
		assertThat(steps).extracting((step) -> step.get("name").asString())
			.containsExactly("sendVerificationEmail", "generateCustomContent", "lookUpCrmProfile");
		assertThat(steps).extracting((step) -> step.get("state").asString())
			.containsExactly("COMPLETED", "FAILED", "COMPLETED");
		assertThat(steps.get(1).get("attempts").asInt()).isEqualTo(5);
		assertThat(steps.get(1).get("error").asString()).isEqualTo(LAST_ERROR);
		assertThat(database.executions(id, "generateCustomContent")).as("content generation attempts").isEqualTo(5);
		assertThat(database.executions(id, "lookUpCrmProfile")).as("profile lookups").isEqualTo(1);
		assertThat(database.executions(id, "createWelcomeMessage")).as("welcome messages").isZero();
		assertThat(database.executions(id, "sendFollowUpEmail")).as("follow-up emails").isZero();
	}

}
