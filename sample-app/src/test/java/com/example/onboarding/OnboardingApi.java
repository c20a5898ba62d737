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

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's HTTP API as a test calls it, over plain {@link HttpClient}, with JSON read as trees. */
final class OnboardingApi {

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

	Response post(String pathAndQuery) {
		return send(HttpRequest.newBuilder(this.base.resolve(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).GET());
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(REQUEST_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Location"),
					this.json.readTree(response.body()));
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
	 * @param body the JSON body
	 */
	record Response(int status, Optional<String> location, JsonNode body) {
	}

}
