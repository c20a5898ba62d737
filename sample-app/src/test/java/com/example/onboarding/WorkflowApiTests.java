package com.example.onboarding;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.example.onboarding.OnboardingDatabase.Outcome;
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
 * Canceling and listing workflows over HTTP, with onboardings that wait for their
 * verification code. The settings are those of {@link OnboardingApiTests}, so the two
 * share an application (and its database: the listings are checked for this test's
 * workflows only).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.follow-up-delay=1s" })
class WorkflowApiTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
	void canceledOnboardingStopsWaitingRecordsItsOutcomeAndTakesNoCode() {
		String id = this.api.startOnboarding("erin");
		awaitVerificationWait(id);
		String code = this.database.verificationCode(id);

		OnboardingApi.Response canceled = this.api.cancel(id);

		assertThat(canceled.status()).isEqualTo(200);
		assertThat(canceled.body().get("workflowId").asString()).isEqualTo(id);
		assertThat(canceled.body().get("status").asString()).isEqualTo("CANCELED");
		assertThat(canceled.body().get("steps").valueStream().toList())
			.extracting((step) -> step.get("name").asString())
			.containsExactly("sendVerificationEmail", OnboardingDatabase.NOW, OnboardingApi.VERIFICATION_WAIT);
		assertThat(this.database.outcomes(id)).containsExactly(new Outcome("erin", "CANCELED", null));
		this.api.verify(id, code)
			.assertError(409, "Cannot send event 'emailVerification': workflow '" + id + "' has finished (CANCELED)");

		OnboardingApi.Response again = this.api.cancel(id);
		assertThat(again.status()).as("canceling a finished workflow changes nothing").isEqualTo(200);
		assertThat(again.body().get("status").asString()).isEqualTo("CANCELED");
		assertThat(this.database.outcomes(id)).hasSize(1);
	}

	@Test
	void cancelingAnUnknownWorkflowIsNotFound() {
		this.api.cancel("no-such-workflow").assertError(404, "No workflow with id 'no-such-workflow' exists");
	}

	@Test
	void listsWorkflowsNewestFirstPageByPageFilteredByNameAndState() {
		List<String> started = Stream.of("list-1", "list-2", "list-3", "list-4")
			.map(this.api::startOnboarding)
			.toList();
		awaitVerificationWait(started.get(0));
		this.api.cancel(started.get(0)).assertStatus(200);

		List<List<JsonNode>> pages = pages("name=userOnboarding&state=IN_PROGRESS&limit=2");
		assertThat(pages).as("pages of 2").hasSizeGreaterThanOrEqualTo(2);
		assertThat(pages).allSatisfy((page) -> assertThat(page).hasSizeBetween(1, 2));
		List<JsonNode> inProgress = pages.stream().flatMap(List::stream).toList();
		assertThat(ids(inProgress)).as("in progress, newest first")
			.filteredOn(started::contains)
			.containsExactly(started.get(3), started.get(2), started.get(1));
		assertThat(inProgress).allSatisfy((item) -> {
			assertThat(item.get("name").asString()).isEqualTo("userOnboarding");
			assertThat(item.get("status").asString()).isEqualTo("IN_PROGRESS");
			assertThat(item.get("createdAt").isString()).isTrue();
			assertThat(item.has("parent")).isFalse();
			assertThat(item.has("finishedAt")).isFalse();
		});
		List<JsonNode> canceled = pages("state=CANCELED").stream().flatMap(List::stream).toList();
		assertThat(ids(canceled)).contains(started.get(0)).doesNotContainAnyElementsOf(started.subList(1, 4));
		assertThat(canceled).allSatisfy((item) -> assertThat(item.get("finishedAt").isString()).isTrue());
		assertThat(pages("name=no-such-workflow")).containsExactly(List.of());
	}

	@Test
	void listingWithABadParameterIsABadRequest() {
		this.api.get("/api/workflows?state=WAITING")
			.assertError(400,
					"The query parameter 'state' must be one of [IN_PROGRESS, COMPLETED, FAILED, CANCELED], got 'WAITING'");
		this.api.get("/api/workflows?cursor=not-a-cursor")
			.assertError(400, "Malformed cursor 'not-a-cursor': pass a nextCursor() of a page of the same listing");
		for (String limit : List.of("0", "101", "ten")) {
			this.api.get("/api/workflows?limit=" + limit)
				.assertError(400, "The query parameter 'limit' must be a number from 1 to 100, got '" + limit + "'");
		}
	}

	/** All pages of a listing, following the cursors. */
	private List<List<JsonNode>> pages(String query) {
		List<List<JsonNode>> pages = new ArrayList<>();
		String cursor = null;
		do {
			String after = (cursor != null) ? "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) : "";
			OnboardingApi.Response page = this.api.get("/api/workflows?" + query + after);
			page.assertStatus(200);
			pages.add(page.body().get("items").valueStream().toList());
			JsonNode next = page.body().get("nextCursor");
			cursor = (next != null && !next.isNull()) ? next.asString() : null;
		}
		while (cursor != null);
		return pages;
	}

	private void awaitVerificationWait(String id) {
		await("workflow " + id + " waiting for its verification code").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.api.workflow(id), OnboardingApi::waitsForVerification);
	}

	private static List<String> ids(List<JsonNode> items) {
		return items.stream().map((item) -> item.get("workflowId").asString()).toList();
	}

}
