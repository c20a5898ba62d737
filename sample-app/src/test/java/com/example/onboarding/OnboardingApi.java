package com.example.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's HTTP API as a test calls it, over plain {@link HttpClient}, with JSON read as
 * trees; and what tests look for in a {@code GET /api/workflows/{id}} view.
 */
final class OnboardingApi {

	/** The journal entry of the onboarding's wait for the code from its verification email. */
	static final String VERIFICATION_WAIT = "awaitEvent:emailVerification";

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	OnboardingApi(int port) {
		this.base = URI.create("http://localhost:" + port);
	}

	/** Starts an onboarding and returns its workflow id. */
	String startOnboarding(String userId) {
		Response response = post("/api/onboarding?userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8));
		assertThat(response.status()).as("POST /api/onboarding answered %s", response.body()).isEqualTo(202);
		return response.body().get("workflowId").asString();
	}

	/** The {@code GET /api/workflows/{id}} view of a workflow that exists. */
	JsonNode workflow(String id) {
		Response response = get("/api/workflows/" + id);
		assertThat(response.status()).as("GET /api/workflows/%s answered %s", id, response.body()).isEqualTo(200);
		return response.body();
	}

	/** Posts a verification code for an onboarding. */
	Response verify(String id, String code) {
		return post("/api/onboarding/" + id + "/verify", this.json.createObjectNode().put("code", code).toString());
	}

	/** Cancels a workflow. */
	Response cancel(String id) {
		return post("/api/workflows/" + id + "/cancel");
	}

	Response post(String pathAndQuery) {
		return send(HttpRequest.newBuilder(this.base.resolve(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	Response post(String path, String jsonBody) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
	}

	Response get(String pathAndQuery) {
		return send(HttpRequest.newBuilder(this.base.resolve(pathAndQuery)).GET());
	}

	/** The named step of a workflow view, or {@code null} if the view does not show it (yet). */
	static JsonNode step(JsonNode workflow, String name) {
		return workflow.get("steps")
			.valueStream()
			.filter((step) -> step.get("name").asString().equals(name))
			.findFirst()
			.orElse(null);
	}

	/** The state of the named step, or {@code "ABSENT"} if the view does not show it (yet). */
	static String state(JsonNode workflow, String name) {
		JsonNode step = step(workflow, name);
		return (step != null) ? step.get("state").asString() : "ABSENT";
	}

	/** Whether the onboarding waits for the code from its verification email. */
	static boolean waitsForVerification(JsonNode workflow) {
		return state(workflow, VERIFICATION_WAIT).equals("WAITING");
	}

	static boolean finished(JsonNode workflow) {
		return !workflow.get("status").asString().equals("IN_PROGRESS");
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(REQUEST_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? MissingNode.getInstance() : this.json.readTree(response.body());
			return new Response(response.statusCode(), response.headers().firstValue("Location"), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer of the API.
	 *
	 * @param status the HTTP status code
	 * @param location the {@code Location} header, if any
	 * @param body the JSON body, a missing node if there is none
	 */
	record Response(int status, Optional<String> location, JsonNode body) {

		/** The message of an error answer. */
		String error() {
			return this.body.get("error").asString();
		}

		/** Asserts the status of the answer. */
		void assertStatus(int expected) {
			assertThat(this.status).as("status of the answer %s", this.body).isEqualTo(expected);
		}

		/** Asserts that this is an error answer, with this status and message. */
		void assertError(int expectedStatus, String expectedError) {
			assertStatus(expectedStatus);
			assertThat(this.body.propertyNames()).containsExactly("error");
			assertThat(error()).isEqualTo(expectedError);
		}

	}

}
