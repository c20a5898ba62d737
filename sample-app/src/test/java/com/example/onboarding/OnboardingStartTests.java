package com.example.onboarding;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting an onboarding over HTTP: the user id and the {@code Idempotency-Key} are
 * checked before anything starts, and a start repeated with its key answers the same
 * workflow id and starts no second one. The settings are those of
 * {@link OnboardingApiTests}, so the two share an application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.follow-up-delay=1s" })
class OnboardingStartTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String BAD_USER_ID = "The query parameter 'userId' is required: 1 to 64 characters,"
			+ " each an ASCII letter or digit or one of . _ - @ +";

	private static final String BAD_KEY = "The header 'Idempotency-Key' must be 1 to 64 characters,"
			+ " each an ASCII letter or digit, '-' or '_'";

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
	void onboardingWithoutUserIdIsABadRequest() {
		int onboardings = this.database.onboardings();

		this.api.post("/api/onboarding").assertError(400, BAD_USER_ID);

		assertThat(this.database.onboardings()).as("onboardings started").isEqualTo(onboardings);
	}

	@Test
	void userIdWithControlCharactersOrOtherThanTheAllowedOnesIsABadRequestAndStartsNothing() {
		int onboardings = this.database.onboardings();
		List<String> invalid = List.of("", "  ", "nul\u0000byte", "tab\there", "new\nline", "delete\u007f",
				"bell\u0007", "zoë", "with space", "slash/in", "a".repeat(65));

		for (String userId : invalid) {
			this.api.start(userId).assertError(400, BAD_USER_ID);
		}

		assertThat(this.database.onboardings()).as("onboardings started").isEqualTo(onboardings);
		assertThat(invalid).allSatisfy((userId) -> assertThat(this.database.requestsOf(userId)).as(userId).isZero());
	}

	@Test
	void userIdsOfTheAllowedCharactersStartOnboardings() {
		for (String userId : List.of("Grace.Hopper+test_1-x@example.com", "b".repeat(64))) {
			String id = this.api.startOnboarding(userId);

			assertThat(this.database.requestsOf(userId)).as(userId).isOne();
			assertThat(this.api.workflow(id).get("status").asString()).isEqualTo("IN_PROGRESS");
		}
	}

	@Test
	void startRepeatedWithItsIdempotencyKeyAnswersTheSameWorkflowAndStartsOne() {
		String key = UUID.randomUUID().toString();
		int onboardings = this.database.onboardings();

		OnboardingApi.Response first = this.api.start("heidi", key);
		awaitVerificationWait(key);
		OnboardingApi.Response again = this.api.start("heidi", key);

		first.assertStatus(202);
		assertThat(first.body().get("workflowId").asString()).as("the key is the workflow id").isEqualTo(key);
		assertThat(again).as("the same answer").isEqualTo(first);
		assertThat(this.database.onboardings()).as("onboardings started").isEqualTo(onboardings + 1);
		assertThat(this.database.executions(key, "sendVerificationEmail")).as("verification emails").isOne();
	}

	@Test
	void concurrentStartsWithOneIdempotencyKeyAnswerTheSameWorkflowAndStartOne() throws Exception {
		String key = UUID.randomUUID().toString();
		int onboardings = this.database.onboardings();
		List<Callable<OnboardingApi.Response>> starts = IntStream.range(0, 4)
			.mapToObj((start) -> (Callable<OnboardingApi.Response>) () -> this.api.start("ivan", key))
			.toList();

		List<OnboardingApi.Response> answers;
		ExecutorService callers = Executors.newFixedThreadPool(starts.size());
		try {
			answers = callers.invokeAll(starts).stream().map(OnboardingStartTests::answer).toList();
		}
		finally {
			callers.shutdown();
		}

		assertThat(answers).allSatisfy((answer) -> {
			answer.assertStatus(202);
			assertThat(answer.body().get("workflowId").asString()).isEqualTo(key);
		});
		awaitVerificationWait(key);
		assertThat(this.database.onboardings()).as("onboardings started").isEqualTo(onboardings + 1);
		assertThat(this.database.requestsOf("ivan")).isOne();
		assertThat(this.database.executions(key, "sendVerificationEmail")).as("verification emails").isOne();
	}

	@Test
	void idempotencyKeyOfAnotherUsersOnboardingIsRefusedAndStartsNothing() {
		String key = UUID.randomUUID().toString();
		this.api.start("judy", key).assertStatus(202);
		int onboardings = this.database.onboardings();

		this.api.start("mallory", key)
			.assertError(422, "Idempotency key '" + key + "' was already used to start the onboarding of another user:"
					+ " send a new key with a new request");

		assertThat(this.database.onboardings()).as("onboardings started").isEqualTo(onboardings);
		assertThat(this.database.requestsOf("mallory")).isZero();
		awaitVerificationWait(key);
		assertThat(this.jdbc.sql("SELECT user_id FROM outbox_email WHERE workflow_id = ?")
			.param(key)
			.query(String.class)
			.list()).as("whom the key's onboarding emails").containsExactly("judy");
	}

	@Test
	void malformedIdempotencyKeyIsABadRequestAndStartsNothing() {
		int onboardings = this.database.onboardings();

		for (String key : List.of("", "with space", "child/4", "dot.ted", "a".repeat(65))) {
			this.api.start("kim", key).assertError(400, BAD_KEY);
		}

		assertThat(this.database.onboardings()).as("onboardings started").isEqualTo(onboardings);
		assertThat(this.database.requestsOf("kim")).isZero();
	}

	private void awaitVerificationWait(String id) {
		await("workflow " + id + " waiting for its verification code").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.api.workflow(id), OnboardingApi::waitsForVerification);
	}

	private static OnboardingApi.Response answer(Future<OnboardingApi.Response> start) {
		try {
			return start.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
