package com.example.onboarding;

import java.time.Duration;
import java.time.Instant;
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

/**
 * The HTTP API end to end, on an in-memory H2 database of its own, with the sample's default
 * settings (one failed attempt of the content generation, retried after about a second) but a
 * short follow-up delay.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.follow-up-delay=1s" })
class OnboardingApiTests {

	private static final Duration FOLLOW_UP_DELAY = Duration.ofSeconds(1);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final String CONTENT = "Hi alice, a good way to start is completing your profile.";

	private static final String WELCOME = "Welcome aboard, Alice (free plan)! " + CONTENT;

	private static final String OVERLOADED = "com.example.onboarding.workflow.ModelOverloadedException:"
			+ " The language model is overloaded (attempt 1 for this workflow), try again later";

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
	void onboardingRetriesTheContentRunsTwoStepsInParallelAndSendsTheFollowUpLater() {
		OnboardingApi.Response started = this.api.post("/api/onboarding?userId=alice");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().get("workflowId").asString();
		assertThat(started.location()).hasValueSatisfying((url) -> assertThat(url).endsWith("/api/workflows/" + id));

		// The content generation's first attempt failed; while it waits for its retry, the profile
		// lookup started beside it has completed.
		JsonNode retrying = await("content generation waiting for its retry, profile looked up").atMost(TIMEOUT)
			.pollInterval(POLL_INTERVAL)
			.until(() -> this.api.workflow(id), (view) -> state(view, "generateCustomContent").equals("WAITING")
					&& state(view, "lookUpCrmProfile").equals("COMPLETED"));
		assertThat(retrying.get("status").asString()).isEqualTo("IN_PROGRESS");
		JsonNode waitingContent = step(retrying, "generateCustomContent");
		assertThat(waitingContent.get("sequence").asInt()).isEqualTo(1);
		assertThat(waitingContent.get("attempts").asInt()).isEqualTo(1);
		assertThat(waitingContent.get("error").asString()).isEqualTo(OVERLOADED);
		assertThat(waitingContent.get("finishedAt").isNull()).isTrue();
		assertThat(waitingContent.get("result").isNull()).isTrue();

		// The follow-up email is journaled as waiting for its time before it runs.
		JsonNode waiting = await("follow-up step journaled").atMost(TIMEOUT)
			.pollInterval(POLL_INTERVAL)
			.until(() -> this.api.workflow(id), (view) -> step(view, "sendFollowUpEmail") != null);
		assertThat(waiting.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(waiting.get("steps").valueStream().toList()).extracting((step) -> step.get("state").asString())
			.containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "WAITING");
		JsonNode waitingFollowUp = step(waiting, "sendFollowUpEmail");
		assertThat(waitingFollowUp.get("attempts").asInt()).isZero();
		assertThat(waitingFollowUp.get("finishedAt").isNull()).isTrue();
		assertThat(Duration.between(instant(step(waiting, "createWelcomeMessage"), "finishedAt"),
				instant(waitingFollowUp, "wakeAt")))
			.as("time from the welcome message to the follow-up's scheduled run")
			.isGreaterThanOrEqualTo(FOLLOW_UP_DELAY);
		assertThat(followUpEmails(id)).isZero();

		JsonNode workflow = await("workflow finished").atMost(TIMEOUT)
			.pollInterval(POLL_INTERVAL)
			.until(() -> this.api.workflow(id), (view) -> !view.get("status").asString().equals("IN_PROGRESS"));

		assertThat(workflow.get("workflowId").asString()).isEqualTo(id);
		assertThat(workflow.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(workflow.get("result").asString()).isEqualTo(WELCOME);
		assertThat(workflow.has("error")).isFalse();
		List<JsonNode> steps = workflow.get("steps").valueStream().toList();
		assertThat(steps).extracting((step) -> step.get("name").asString())
			.containsExactlyElementsOf(OnboardingDatabase.STEPS);
		assertThat(steps).extracting((step) -> step.get("sequence").asInt()).containsExactly(0, 1, 2, 3, 4);
		assertThat(steps).extracting((step) -> step.get("attempts").asInt()).containsExactly(1, 2, 1, 1, 1);
		assertThat(steps).allSatisfy((step) -> {
			assertThat(step.get("state").asString()).isEqualTo("COMPLETED");
			assertThat(step.get("startedAt").isString()).isTrue();
			assertThat(step.get("finishedAt").isString()).isTrue();
		});
		assertThat(List.of(steps.get(0), steps.get(2), steps.get(3), steps.get(4)))
			.allSatisfy((step) -> assertThat(step.get("error").isNull()).isTrue());
		assertThat(steps.get(1).get("result").asString()).isEqualTo(CONTENT);
		assertThat(steps.get(1).get("error").asString()).as("the error of the attempt that was retried")
			.isEqualTo(OVERLOADED);
		assertThat(steps.get(2).get("result").get("displayName").asString()).isEqualTo("Alice");
		assertThat(steps.get(2).get("result").get("plan").asString()).isEqualTo("free");
		assertThat(steps.get(3).get("result").asString()).isEqualTo(WELCOME);
		assertThat(steps.get(4).get("result").isNull()).isTrue();
		assertThat(Duration.between(instant(steps.get(3), "finishedAt"), instant(steps.get(4), "startedAt")))
			.as("time from the welcome message to the follow-up email")
			.isGreaterThanOrEqualTo(FOLLOW_UP_DELAY);

		assertThat(this.database.executions(id, "generateCustomContent")).as("content generation attempts")
			.isEqualTo(2);
		assertThat(List.of("sendVerificationEmail", "lookUpCrmProfile", "createWelcomeMessage", "sendFollowUpEmail"))
			.allSatisfy((step) -> assertThat(this.database.executions(id, step)).as(step).isEqualTo(1));
		assertThat(this.jdbc.sql("SELECT user_id, kind FROM outbox_email WHERE workflow_id = ? ORDER BY id")
			.param(id)
			.query((row, number) -> row.getString("user_id") + ":" + row.getString("kind"))
			.list()).containsExactly("alice:VERIFICATION", "alice:FOLLOW_UP");
		assertThat(this.jdbc.sql("SELECT content FROM generated_content WHERE workflow_id = ?")
			.param(id)
			.query(String.class)
			.list()).containsExactly(CONTENT, CONTENT);
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

	private int followUpEmails(String id) {
		return this.database.executions(id, "sendFollowUpEmail");
	}

	/** The named step of a workflow view, or {@code null} if the view does not show it (yet). */
	private static JsonNode step(JsonNode workflow, String name) {
		return workflow.get("steps")
			.valueStream()
			.filter((step) -> step.get("name").asString().equals(name))
			.findFirst()
			.orElse(null);
	}

	/** The state of the named step, or {@code "ABSENT"} if the view does not show it (yet). */
	private static String state(JsonNode workflow, String name) {
		JsonNode step = step(workflow, name);
		return (step != null) ? step.get("state").asString() : "ABSENT";
	}

	private static Instant instant(JsonNode step, String field) {
		return Instant.parse(step.get(field).asString());
	}

	private static void assertBadRequest(OnboardingApi.Response response) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().propertyNames()).containsExactly("error");
		assertThat(response.body().get("error").asString()).contains("'userId' is required");
	}

}
