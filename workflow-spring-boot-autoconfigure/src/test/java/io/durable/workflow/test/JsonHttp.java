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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP API as tests call it, over plain {@link HttpClient} against a running server,
 * with JSON bodies read as trees.
 */
public final class JsonHttp {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

	private final URI base;

	private final Map<String, String> headers;

	private JsonHttp(URI base, Map<String, String> headers) {
		this.base = base;
		this.headers = headers;
	}

	/**
	 * Calls the server on a port of this machine.
	 * @param port the server's port
	 * @return the client
	 */
	public static JsonHttp localhost(int port) {
		return new JsonHttp(URI.create("http://localhost:" + port), Map.of());
	}

	/**
	 * The same client, sending HTTP basic credentials.
	 * @param user the user name
	 * @param password the password
	 * @return a new client
	 */
	public JsonHttp withBasicAuth(String user, String password) {
		return withHeader("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The same client, sending one more header with every request.
	 * @param name the header's name
	 * @param value its value
	 * @return a new client
	 */
	public JsonHttp withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new JsonHttp(this.base, headers);
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
	 * Opens a stream of server-sent events, read on a thread of its own.
	 * @param path the stream's path
	 * @return the stream, filling as events arrive
	 */
	public EventStream stream(String path) {
		EventStream stream = new EventStream();
		this.http
			.sendAsync(request(path).header("Accept", "text/event-stream").GET().build(),
					HttpResponse.BodyHandlers.ofLines())
			.thenAccept((response) -> {
				stream.status = response.statusCode();
				stream.lines = response.body();
				response.body().forEach(stream::read);
				stream.ended = true;
			});
		return stream;
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
		this.headers.forEach(request::header);
		return request;
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
	 * Server-sent events as they arrive, parsed: {@code event:} and {@code data:} lines.
	 */
	public static final class EventStream implements AutoCloseable {

		private final List<Event> events = new CopyOnWriteArrayList<>();

		private volatile int status;

		private volatile boolean ended;

		private @Nullable String name;

		private final StringBuilder data = new StringBuilder();

		private volatile @Nullable Stream<String> lines;

		private void read(String line) {
			if (line.isEmpty()) {
				if (!this.data.isEmpty()) {
					this.events.add(new Event(this.name, json.readTree(this.data.toString())));
				}
				this.name = null;
				this.data.setLength(0);
			}
			else if (line.startsWith("event:")) {
				this.name = line.substring("event:".length()).trim();
			}
			else if (line.startsWith("data:")) {
				this.data.append(line.substring("data:".length()));
			}
		}

		/** The events received so far. */
		public List<Event> events() {
			return List.copyOf(this.events);
		}

		/** The HTTP status, once the answer has begun; 0 before. */
		public int status() {
			return this.status;
		}

		/** Whether the server has ended the stream. */
		public boolean ended() {
			return this.ended;
		}

		/** Hangs up. */
		@Override
		public void close() {
			Stream<String> open = this.lines;
			if (open != null) {
				open.close();
			}
		}

	}

	/**
	 * One server-sent event.
	 *
	 * @param name its name, or {@code null}
	 * @param data its data, as JSON
	 */
	public record Event(@Nullable String name, JsonNode data) {
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
