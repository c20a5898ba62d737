package com.example.onboarding;

import java.time.Duration;

import com.example.onboarding.OnboardingDatabase.Outcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A user who never enters the code: the wait for it times out after
 * {@code sample.verification-timeout} (a second here), and the onboarding fails with an
 * error that says so, recorded as its outcome.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.verification-timeout=1s" })
class OnboardingVerificationTimeoutTests {

	private static final String ERROR = "com.example.onboarding.workflow.EmailNotVerifiedException:"
			+ " The email address of user 'carol' was not verified within PT1S";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void onboardingWhoseCodeNeverComesFailsWhenTheWaitTimesOut() {
		OnboardingApi api = new OnboardingApi(this.port);
		OnboardingDatabase database = new OnboardingDatabase(this.jdbc);
		String id = api.startOnboarding("carol");

		JsonNode workflow = await("workflow finished").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.workflow(id), OnboardingApi::finished);

		assertThat(workflow.get("status").asString()).isEqualTo("FAILED");
		assertThat(workflow.get("error").asString()).isEqualTo(ERROR);
		assertThat(workflow.get("steps").valueStream().toList())
			.extracting((step) -> step.get("name").asString(), (step) -> step.get("state").asString())
			.containsExactly(tuple("sendVerificationEmail", "COMPLETED"), tuple(OnboardingDatabase.NOW, "COMPLETED"),
					tuple(OnboardingApi.VERIFICATION_WAIT, "FAILED"));
		assertThat(OnboardingApi.step(workflow, OnboardingApi.VERIFICATION_WAIT).get("error").asString())
			.startsWith("io.durable.workflow.WorkflowTimeoutException: No event 'emailVerification' arrived by ");
		assertThat(database.executions(id, "generateCustomContent")).as("content generation attempts").isZero();
		assertThat(database.outcomes(id)).containsExactly(new Outcome("carol", "FAILED", ERROR));
		api.verify(id, database.verificationCode(id))
			.assertError(409, "Cannot send event 'emailVerification': workflow '" + id + "' has finished (FAILED)");
	}

}
