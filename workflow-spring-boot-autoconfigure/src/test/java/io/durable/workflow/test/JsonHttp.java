package io.durable.workflow.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP API as tests call it, over plain {@link HttpClient} against a running server, with JSON
 * bodies read as trees.
 */
public final class JsonHttp {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

	private final URI base;

	private final @Nullable String authorization;

	private JsonHttp(URI base, @Nullable String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	/**
	 * Calls the server on a port of this machine.
	 * @param port the server's port
	 * @return the client
	 */
	public static JsonHttp localhost(int port) {
		return new JsonHttp(URI.create("http://localhost:" + port), null);
	}

	/**
	 * The same client, sending HTTP basic credentials.
	 * @param user the user name
	 * @param password the password
	 * @return a new client
	 */
	public JsonHttp withBasicAuth(String user, String password) {
		return new JsonHttp(this.base, "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A JSON object with one property, as text.
	 * @param name the property
	 * @param value its value: a string, number, boolean, or a tree
	 * @return the JSON
	 */
	public static String object(String name, Object value) {
		return json.createObjectNode().set(name, json.valueToTree(value)).toString();
	}

	public Response get(String pathAndQuery) {
		return send(request(pathAndQuery).GET());
	}

	public Response post(String pathAndQuery) {
		return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public Response post(String path, String jsonBody) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	/**
	 * The address of a path on the server.
	 * @param pathAndQuery the path, with its query if any
	 * @return the URI
	 */
	public URI uri(String pathAndQuery) {
		return this.base.resolve(pathAndQuery);
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT);
		return (this.authorization != null) ? request.header("Authorization", this.authorization) : request;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String text = response.body();
			JsonNode body = MissingNode.getInstance();
			if (!text.isEmpty()) {
				try {
					body = json.readTree(text);
				}
				catch (JacksonException ex) {
					// Not JSON: tests look at the text.
				}
			}
			return new Response(response.statusCode(), response.headers().firstValue("Location"), body, text);
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
	 * An answer of the server.
	 *
	 * @param status the HTTP status code
	 * @param location the {@code Location} header, if any
	 * @param body the JSON body, a missing node if there is none
	 * @param text the body as it came
	 */
	public record Response(int status, Optional<String> location, JsonNode body, String text) {

		/**
		 * Asserts the status of the answer.
		 * @param expected the status code it must have
		 * @return this answer
		 */
		public Response assertStatus(int expected) {
			assertThat(this.status).as("status of the answer %s", this.text).isEqualTo(expected);
			return this;
		}

	}

}
