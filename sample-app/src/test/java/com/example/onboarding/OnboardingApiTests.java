package com.example.onboarding;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The HTTP API end to end, on an in-memory H2 database of its own. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}")
class OnboardingApiTests {

	private static final String CONTENT = "Hi alice, a good way to start is completing your profile.";

	private static final String WELCOME = "Welcome aboard! " + CONTENT;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private OnboardingApi api;

	private OnboardingDatabase database;

	@BeforeEach
	void setUp() {
		this.api = new OnboardingApi(this.port);
		this.database = new OnboardingDatabase(this.jdbc);
	}

	@Test
	void onboardingRunsEveryStepOnceAndReportsTheWelcomeMessage() {
		OnboardingApi.Response started = this.api.post("/api/onboarding?userId=alice");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().get("workflowId").asString();
		assertThat(started.location()).hasValueSatisfying((url) -> assertThat(url).endsWith("/api/workflows/" + id));

		JsonNode workflow = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.api.workflow(id), (view) -> !view.get("status").asString().equals("IN_PROGRESS"));

		assertThat(workflow.get("workflowId").asString()).isEqualTo(id);
		assertThat(workflow.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(workflow.get("result").asString()).isEqualTo(WELCOME);
		assertThat(workflow.has("error")).isFalse();
		List<JsonNode> steps = workflow.get("steps").valueStream().toList();
		assertThat(steps).extracting((step) -> step.get("name").asString())
			.containsExactlyElementsOf(OnboardingDatabase.STEPS);
		assertThat(steps).extracting((step) -> step.get("sequence").asInt()).containsExactly(0, 1, 2, 3);
		assertThat(steps).allSatisfy((step) -> {
			assertThat(step.get("state").asString()).isEqualTo("COMPLETED");
			assertThat(step.get("attempts").asInt()).isEqualTo(1);
			assertThat(step.get("startedAt").isString()).isTrue();
			assertThat(step.get("finishedAt").isString()).isTrue();
			assertThat(step.get("error").isNull()).isTrue();
		});
		assertThat(steps.get(1).get("result").asString()).isEqualTo(CONTENT);
		assertThat(steps.get(2).get("result").asString()).isEqualTo(WELCOME);

		assertThat(OnboardingDatabase.STEPS).allSatisfy(
				(step) -> assertThat(this.database.executions(id, step)).as(step).isEqualTo(1));
		assertThat(this.jdbc.sql("SELECT user_id, kind FROM outbox_email WHERE workflow_id = ? ORDER BY id")
			.param(id)
			.query((row, number) -> row.getString("user_id") + ":" + row.getString("kind"))
			.list()).containsExactly("alice:VERIFICATION", "alice:FOLLOW_UP");
		assertThat(this.jdbc.sql("SELECT content FROM generated_content WHERE workflow_id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo(CONTENT);
		assertThat(this.jdbc.sql("SELECT user_id || ': ' || body FROM welcome_message WHERE workflow_id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("alice: " + WELCOME);
	}

	@Test
	void unknownWorkflowIsNotFound() {
		OnboardingApi.Response response = this.api.get("/api/workflows/no-such-workflow");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().propertyNames()).containsExactly("error");
		assertThat(response.body().get("error").asString()).isEqualTo("No workflow with id 'no-such-workflow' exists");
	}

	@Test
	void onboardingWithoutUserIdIsABadRequest() {
		assertBadRequest(this.api.post("/api/onboarding"));
	}

	@Test
	void onboardingWithBlankUserIdIsABadRequest() {
		assertBadRequest(this.api.post("/api/onboarding?userId=%20%20"));
	}

	private static void assertBadRequest(OnboardingApi.Response response) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().propertyNames()).containsExactly("error");
		assertThat(response.body().get("error").asString()).contains("'userId' is required");
	}

}
