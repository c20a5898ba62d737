package com.example.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import com.example.onboarding.OnboardingDatabase.Outcome;
import com.example.onboarding.workflow.EmailVerification;
import com.example.onboarding.workflow.OnboardingWorkflow;
import io.durable.workflow.StartOptions;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.example.onboarding.OnboardingApi.VERIFICATION_CHECK;
import static com.example.onboarding.OnboardingApi.VERIFICATION_WAIT;
import static com.example.onboarding.OnboardingApi.state;
import static com.example.onboarding.OnboardingApi.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The onboarding's HTTP API end to end, on an in-memory H2 database of its own, with the
 * sample's default settings (a random verification code; one failed attempt of the
 * content generation, retried after about a second; the draft refined by a child
 * workflow) but a short follow-up delay.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.follow-up-delay=1s" })
class OnboardingApiTests {

	private static final Duration FOLLOW_UP_DELAY = Duration.ofSeconds(1);

	private static final Duration VERIFICATION_TIMEOUT = Duration.ofDays(3);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	/** How long after the start of the wait for the code a late code arrives. */
	private static final Duration LATE_CODE = Duration.ofSeconds(2);

	private static final String DRAFT = "Hi alice, a good way to start is completing your profile.";

	private static final String REFINED = DRAFT + " Start today!";

	private static final String WELCOME = "Welcome aboard, Alice (free plan)! " + REFINED;

	private static final String OVERLOADED = "com.example.onboarding.workflow.ModelOverloadedException:"
			+ " The language model is overloaded (attempt 1 for this workflow), try again later";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowClient workflows;

	private OnboardingApi api;

	private OnboardingDatabase database;

	@BeforeEach
	void setUp() {
		this.api = new OnboardingApi(this.port);
		this.database = new OnboardingDatabase(this.jdbc);
	}

	@Test
	void onboardingWaitsForTheVerificationCodeRefinesTheContentInAChildAndSendsTheFollowUpLater() {
		OnboardingApi.Response started = this.api.post("/api/onboarding?userId=alice");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().get("workflowId").asString();
		assertThat(started.location()).hasValueSatisfying((url) -> assertThat(url).endsWith("/api/workflows/" + id));

		JsonNode waitingForCode = awaitView(id, "waiting for the code", OnboardingApi::waitsForVerification);
		assertThat(waitingForCode.get("steps").valueStream().toList())
			.extracting((step) -> step.get("name").asString(), (step) -> step.get("state").asString())
			.containsExactly(tuple("sendVerificationEmail", "COMPLETED"), tuple(OnboardingDatabase.NOW, "COMPLETED"),
					tuple(VERIFICATION_WAIT, "WAITING"));
		JsonNode wait = step(waitingForCode, VERIFICATION_WAIT);
		assertThat(Duration.between(instant(wait, "startedAt"), instant(wait, "wakeAt")))
			.as("the wait's deadline, from its start")
			.isBetween(VERIFICATION_TIMEOUT.minusMinutes(1), VERIFICATION_TIMEOUT);
		assertThat(waitingForCode.get("children").isEmpty()).isTrue();

		String code = this.database.verificationCode(id);
		assertThat(code).matches("[0-9]{6}");
		this.api.verify(id, "12ab56")
			.assertError(400,
					"Invalid value for event 'emailVerification': code: must be the 6-digit code from the email");
		this.api.verify(id, OnboardingApi.otherCode(code)).assertError(400, "The verification code does not match");
		assertThat(this.api.verify(id, " ").error()).contains("code: must not be blank");
		this.api.post("/api/onboarding/" + id + "/verify")
			.assertError(400, "The request body is missing or not the JSON expected");
		assertThat(this.database.executions(id, VERIFICATION_WAIT)).as("events stored for rejected codes").isZero();
		assertThat(this.api.workflow(id).get("steps")).hasSize(3);

		OnboardingApi.Response verified = this.api.verify(id, code);
		assertThat(verified.status()).isEqualTo(202);
		assertThat(verified.body().isMissingNode()).as("no body").isTrue();

		// The content generation's first attempt failed; while it waits for its retry,
		// the profile
		// lookup started beside it has completed.
		JsonNode retrying = awaitView(id, "content generation waiting for its retry, profile looked up",
				(view) -> state(view, "generateCustomContent").equals("WAITING")
						&& state(view, "lookUpCrmProfile").equals("COMPLETED"));
		assertThat(retrying.get("status").asString()).isEqualTo("IN_PROGRESS");
		JsonNode waitingContent = step(retrying, "generateCustomContent");
		assertThat(waitingContent.get("sequence").asInt()).isEqualTo(4);
		assertThat(waitingContent.get("attempts").asInt()).isEqualTo(1);
		assertThat(waitingContent.get("error").asString()).isEqualTo(OVERLOADED);
		assertThat(waitingContent.get("finishedAt").isNull()).isTrue();
		assertThat(waitingContent.get("result").isNull()).isTrue();

		// The follow-up email is journaled as waiting for its time before it runs.
		JsonNode waiting = awaitView(id, "follow-up step journaled", (view) -> step(view, "sendFollowUpEmail") != null);
		assertThat(waiting.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(waiting.get("steps").valueStream().toList()).extracting((step) -> step.get("state").asString())
			.containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED",
					"COMPLETED", "WAITING");
		JsonNode waitingFollowUp = step(waiting, "sendFollowUpEmail");
		assertThat(waitingFollowUp.get("attempts").asInt()).isZero();
		assertThat(waitingFollowUp.get("finishedAt").isNull()).isTrue();
		assertThat(Duration.between(instant(step(waiting, "createWelcomeMessage"), "finishedAt"),
				instant(waitingFollowUp, "wakeAt")))
			.as("time from the welcome message to the follow-up's scheduled run")
			.isGreaterThanOrEqualTo(FOLLOW_UP_DELAY);
		assertThat(this.database.executions(id, "sendFollowUpEmail")).isZero();

		JsonNode workflow = awaitView(id, "workflow finished", OnboardingApi::finished);

		assertThat(workflow.get("workflowId").asString()).isEqualTo(id);
		assertThat(workflow.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(workflow.get("result").asString()).isEqualTo(WELCOME);
		assertThat(workflow.has("error")).isFalse();
		assertThat(workflow.has("parent")).isFalse();
		assertThat(workflow.has("children")).as("only while in progress").isFalse();
		List<JsonNode> steps = workflow.get("steps").valueStream().toList();
		assertThat(steps).extracting((step) -> step.get("name").asString())
			.containsExactlyElementsOf(OnboardingDatabase.STEPS);
		assertThat(steps).extracting((step) -> step.get("sequence").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(steps).extracting((step) -> step.get("attempts").asInt()).containsExactly(1, 1, 1, 1, 2, 1, 1, 1, 1);
		assertThat(steps).allSatisfy((step) -> {
			assertThat(step.get("state").asString()).isEqualTo("COMPLETED");
			assertThat(step.get("startedAt").isString()).isTrue();
			assertThat(step.get("finishedAt").isString()).isTrue();
		});
		assertThat(steps).filteredOn((step) -> !step.get("name").asString().equals("generateCustomContent"))
			.allSatisfy((step) -> assertThat(step.get("error").isNull()).isTrue());
		assertThat(Instant.parse(steps.get(1).get("result").asString())).as("the journaled time")
			.isBeforeOrEqualTo(instant(steps.get(2), "startedAt"));
		assertThat(steps.get(2).get("result").get("code").asString()).as("the event's value").isEqualTo(code);
		assertThat(steps.get(3).get("result").asBoolean()).as("the workflow's check of the code").isTrue();
		assertThat(steps.get(4).get("result").get("text").asString()).isEqualTo(DRAFT);
		assertThat(steps.get(4).get("result").get("needsRefinement").asBoolean()).isTrue();
		assertThat(steps.get(4).get("error").asString()).as("the error of the attempt that was retried")
			.isEqualTo(OVERLOADED);
		assertThat(steps.get(5).get("result").get("displayName").asString()).isEqualTo("Alice");
		assertThat(steps.get(5).get("result").get("plan").asString()).isEqualTo("free");
		assertThat(steps.get(6).get("result").asString()).as("the child workflow's result").isEqualTo(REFINED);
		assertThat(steps.get(7).get("result").asString()).isEqualTo(WELCOME);
		assertThat(steps.get(8).get("result").isNull()).isTrue();
		assertThat(Duration.between(instant(steps.get(7), "finishedAt"), instant(steps.get(8), "startedAt")))
			.as("time from the welcome message to the follow-up email")
			.isGreaterThanOrEqualTo(FOLLOW_UP_DELAY);

		assertThat(this.database.executions(id, "generateCustomContent")).as("content generation attempts")
			.isEqualTo(2);
		assertThat(OnboardingDatabase.STEPS).filteredOn((step) -> !step.equals("generateCustomContent"))
			.allSatisfy((step) -> assertThat(this.database.executions(id, step)).as(step).isEqualTo(1));
		assertThat(this.jdbc
			.sql("SELECT user_id || ':' || kind || ':' || COALESCE(code, '-') FROM outbox_email"
					+ " WHERE workflow_id = ? ORDER BY id")
			.param(id)
			.query(String.class)
			.list()).containsExactly("alice:VERIFICATION:" + code, "alice:FOLLOW_UP:-");
		assertThat(this.jdbc.sql("SELECT content FROM generated_content WHERE workflow_id = ?")
			.param(id)
			.query(String.class)
			.list()).containsExactly(DRAFT, DRAFT);
		assertThat(this.jdbc.sql("SELECT user_id || ': ' || body FROM welcome_message WHERE workflow_id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("alice: " + WELCOME);
		assertThat(this.database.outcomes(id)).containsExactly(new Outcome("alice", "COMPLETED", WELCOME));

		assertRefinedByAChildWorkflow(id);
	}

	/**
	 * The refinement ran as a child workflow: listed by its name, naming its parent, with
	 * a journal of its own.
	 */
	private void assertRefinedByAChildWorkflow(String id) {
		String childId = id + "/" + OnboardingDatabase.STEPS.indexOf(StepInfo.child("refineContent"));
		OnboardingApi.Response listed = this.api.get("/api/workflows?name=refineContent");
		assertThat(listed.status()).isEqualTo(200);
		JsonNode child = listed.body()
			.get("items")
			.valueStream()
			.filter((item) -> item.get("workflowId").asString().equals(childId))
			.findFirst()
			.orElseThrow();
		assertThat(child.get("name").asString()).isEqualTo("refineContent");
		assertThat(child.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(child.get("parent").asString()).isEqualTo(id);
		assertThat(child.get("finishedAt").isString()).isTrue();

		JsonNode view = this.api.workflow(childId);
		assertThat(view.get("parent").asString()).isEqualTo(id);
		assertThat(view.get("result").asString()).isEqualTo(REFINED);
		assertThat(view.get("steps").valueStream().toList()).extracting((step) -> step.get("name").asString())
			.containsExactlyElementsOf(OnboardingDatabase.REFINEMENT_STEPS);
		assertThat(OnboardingDatabase.REFINEMENT_STEPS)
			.allSatisfy((step) -> assertThat(this.database.executions(childId, step)).as(step).isEqualTo(1));
	}

	@Test
	void verifyingBeforeTheEmailIsSentIsAConflict() {
		// Started an hour from now, so it has sent nothing yet.
		WorkflowId id = this.workflows.start(OnboardingWorkflow.class, (workflow) -> workflow.onboard("dave"),
				StartOptions.defaults().runAfter(Duration.ofHours(1)));

		this.api.verify(id.value(), "123456")
			.assertError(409, "Workflow '" + id + "' has not sent a verification email yet");
		assertThat(this.database.executions(id.value(), VERIFICATION_WAIT)).as("events stored").isZero();
		this.workflows.cancel(id);
	}

	@Test
	void verifyingAnUnknownWorkflowIsNotFound() {
		this.api.verify("no-such-workflow", "123456").assertError(404, "No workflow with id 'no-such-workflow' exists");
	}

	@Test
	void unknownWorkflowIsNotFound() {
		this.api.get("/api/workflows/no-such-workflow")
			.assertError(404, "No workflow with id 'no-such-workflow' exists");
	}

	/**
	 * A code sent past the API, as an event straight to the workflow, is checked by the
	 * workflow itself: a wrong one verifies nothing, and the workflow waits for another,
	 * until the deadline of its first wait (the wrong code comes late here, so a wait
	 * that started over would end later).
	 */
	@Test
	void wrongCodeSentPastTheApiVerifiesNothingAndTheWorkflowWaitsForAnotherUntilTheSameDeadline() {
		String id = this.api.startOnboarding("frank");
		WorkflowId workflowId = WorkflowId.of(id);
		JsonNode waiting = awaitView(id, "waiting for the code", OnboardingApi::waitsForVerification);
		String code = this.database.verificationCode(id);
		Instant firstPass = Instant.parse(step(waiting, OnboardingDatabase.NOW).get("result").asString());
		Instant deadline = firstPass.plus(VERIFICATION_TIMEOUT);
		await("the wrong code's delay").atMost(TIMEOUT)
			.pollInterval(POLL_INTERVAL)
			.until(() -> Instant.now().isAfter(firstPass.plus(LATE_CODE)));

		this.workflows.sendEvent(workflowId, OnboardingWorkflow.EMAIL_VERIFICATION,
				new EmailVerification(OnboardingApi.otherCode(code)));

		JsonNode waitingAgain = awaitView(id, "the code checked, waiting for another",
				(view) -> view.get("steps").size() == 6 && lastStep(view).get("state").asString().equals("WAITING"));
		assertThat(waitingAgain.get("status").asString()).isEqualTo("IN_PROGRESS");
		List<JsonNode> steps = waitingAgain.get("steps").valueStream().toList();
		assertThat(steps).extracting((step) -> step.get("name").asString())
			.containsExactly("sendVerificationEmail", OnboardingDatabase.NOW, VERIFICATION_WAIT, VERIFICATION_CHECK,
					OnboardingDatabase.NOW, VERIFICATION_WAIT);
		assertThat(steps.get(3).get("result").asBoolean()).as("the wrong code's check").isFalse();
		assertThat(Duration.between(deadline, instant(steps.get(5), "wakeAt")))
			.as("the second wait's end, from the first one's deadline")
			.isBetween(Duration.ZERO, LATE_CODE.dividedBy(2));
		assertThat(this.database.executions(id, "generateCustomContent")).as("content generation attempts").isZero();

		this.workflows.sendEvent(workflowId, OnboardingWorkflow.EMAIL_VERIFICATION, new EmailVerification(code));

		JsonNode finished = awaitView(id, "workflow finished", OnboardingApi::finished);
		assertThat(finished.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(this.jdbc.sql("SELECT matches FROM verification_check WHERE workflow_id = ? ORDER BY id")
			.param(id)
			.query(Boolean.class)
			.list()).as("the workflow's checks").containsExactly(false, true);
		assertThat(this.database.outcomes(id)).extracting(Outcome::state).containsExactly("COMPLETED");
	}

	private JsonNode awaitView(String id, String what, Predicate<JsonNode> condition) {
		return await(what).atMost(TIMEOUT).pollInterval(POLL_INTERVAL).until(() -> this.api.workflow(id), condition);
	}

	private static JsonNode lastStep(JsonNode workflow) {
		JsonNode steps = workflow.get("steps");
		return steps.get(steps.size() - 1);
	}

	private static Instant instant(JsonNode step, String field) {
		return Instant.parse(step.get(field).asString());
	}

}
