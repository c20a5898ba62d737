package com.example.onboarding;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.durable.workflow.StepInfo;
import io.durable.workflow.test.JsonHttp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's HTTP API as a test calls it, over {@link JsonHttp}: the onboarding's
 * endpoints anonymously, as end users do; {@code /api/workflows} with the demo users'
 * credentials, the operator's to read and the admin's to cancel. And what tests look for
 * in a {@code GET /api/workflows/{id}} view.
 */
final class OnboardingApi {

	/**
	 * The journal entry of the onboarding's wait for the code from its verification
	 * email.
	 */
	static final String VERIFICATION_WAIT = StepInfo.eventWait("emailVerification");

	/** The journal entry of the workflow's check of the code it received. */
	static final String VERIFICATION_CHECK = "checkVerificationCode";

	private final JsonHttp http;

	private final JsonHttp operator;

	private final JsonHttp admin;

	OnboardingApi(int port) {
		this.http = JsonHttp.localhost(port);
		this.operator = this.http.withBasicAuth("operator", "operator");
		this.admin = this.http.withBasicAuth("admin", "admin");
	}

	/** Starts an onboarding and returns its workflow id. */
	String startOnboarding(String userId) {
		Response response = start(userId);
		assertThat(response.status()).as("POST /api/onboarding answered %s", response.body()).isEqualTo(202);
		return response.body().get("workflowId").asString();
	}

	/** Asks for the onboarding of a user. */
	Response start(String userId) {
		return post(startPath(userId));
	}

	/** Asks for the onboarding of a user, with an {@code Idempotency-Key}. */
	Response start(String userId, String idempotencyKey) {
		return Response.of(this.http.withHeader("Idempotency-Key", idempotencyKey).post(startPath(userId)));
	}

	/** The {@code GET /api/workflows/{id}} view of a workflow that exists. */
	JsonNode workflow(String id) {
		Response response = get("/api/workflows/" + id);
		assertThat(response.status()).as("GET /api/workflows/%s answered %s", id, response.body()).isEqualTo(200);
		return response.body();
	}

	/** Posts a verification code for an onboarding. */
	Response verify(String id, String code) {
		return post("/api/onboarding/" + id + "/verify", JsonHttp.object("code", code));
	}

	/** Cancels a workflow, as the admin. */
	Response cancel(String id) {
		return Response.of(this.admin.post("/api/workflows/" + id + "/cancel"));
	}

	/** Posts to the onboarding's endpoints, anonymously. */
	Response post(String pathAndQuery) {
		return Response.of(this.http.post(pathAndQuery));
	}

	/** Posts JSON to the onboarding's endpoints, anonymously. */
	Response post(String path, String jsonBody) {
		return Response.of(this.http.post(path, jsonBody));
	}

	/** Reads {@code /api/workflows}, as the operator. */
	Response get(String pathAndQuery) {
		return Response.of(this.operator.get(pathAndQuery));
	}

	private static String startPath(String userId) {
		return "/api/onboarding?userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8);
	}

	/** Another 6-digit code than the one given. */
	static String otherCode(String code) {
		return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
	}

	/**
	 * The named step of a workflow view, or {@code null} if the view does not show it
	 * (yet).
	 */
	static JsonNode step(JsonNode workflow, String name) {
		return workflow.get("steps")
			.valueStream()
			.filter((step) -> step.get("name").asString().equals(name))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The state of the named step, or {@code "ABSENT"} if the view does not show it
	 * (yet).
	 */
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

	/**
	 * An answer of the API.
	 *
	 * @param status the HTTP status code
	 * @param location the {@code Location} header, if any
	 * @param body the JSON body, a missing node if there is none
	 */
	record Response(int status, Optional<String> location, JsonNode body) {

		static Response of(JsonHttp.Response answer) {
			return new Response(answer.status(), answer.location(), answer.body());
		}

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
