package io.durable.workflow.actuate;

import java.util.Map;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.actuate.WorkflowsEndpoint.WorkflowDescriptor;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.engine.client.JsonEvents;
import io.durable.workflow.web.WorkflowStreams;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Handles what {@link WorkflowsWebMvcHandlerMapping} maps, through the
 * {@link WorkflowClient} and the {@link WorkflowStreams}. Errors answer as the endpoint's
 * do, with an {@link ErrorDescriptor}.
 */
public class WorkflowsWebMvcHandler {

	/** The request attribute holding the workflow id from the path. */
	static final String WORKFLOW_ID = "io.durable.workflow.actuate.WorkflowsWebMvcHandler.workflowId";

	/** The request attribute holding the event name from the path. */
	static final String EVENT_NAME = "io.durable.workflow.actuate.WorkflowsWebMvcHandler.eventName";

	private final WorkflowClient client;

	private final WorkflowsEndpoint endpoint;

	private final JsonEvents events;

	private final WorkflowStreams<WorkflowDescriptor> streams;

	private final WorkflowMonitor engine;

	private final JsonMapper json;

	/**
	 * @param client exports journals, fails runs
	 * @param endpoint describes runs as the endpoint does
	 * @param events sends events whose values come as JSON
	 * @param streams streams runs' states
	 * @param engine lists the named queues
	 * @param json reads request bodies, writes answers
	 */
	public WorkflowsWebMvcHandler(WorkflowClient client, WorkflowsEndpoint endpoint, JsonEvents events,
			WorkflowStreams<WorkflowDescriptor> streams, WorkflowMonitor engine, JsonMapper json) {
		this.client = client;
		this.endpoint = endpoint;
		this.events = events;
		this.streams = streams;
		this.engine = engine;
		this.json = json;
	}

	/**
	 * Streams a run's state as server-sent events named {@code workflow}: first as it is,
	 * then after every change, until it has finished.
	 * @param id the workflow id
	 * @return the stream
	 */
	public SseEmitter stream(@RequestAttribute(WORKFLOW_ID) String id) {
		return this.streams.open(WorkflowId.of(id));
	}

	/**
	 * Sends an event with the body as its value (none if the body is empty), checked as
	 * {@link JsonEvents#send} does.
	 * @param id the workflow id
	 * @param name the event name
	 * @param body the value as JSON
	 * @return 204
	 */
	public ResponseEntity<Void> sendEvent(@RequestAttribute(WORKFLOW_ID) String id,
			@RequestAttribute(EVENT_NAME) String name, @RequestBody(required = false) @Nullable String body) {
		this.events.send(WorkflowId.of(id), name, (body == null || body.isBlank()) ? null : body);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The named queues: their limits, and their runs in progress on all nodes.
	 * @return {@code {"queues": [...]}}
	 */
	public ResponseEntity<String> queues() {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(Map.of("queues", this.engine.queues())));
	}

	/**
	 * A run's journal as {@link WorkflowClient#exportJournal} writes it.
	 * @param id the workflow id
	 * @return the journal as JSON
	 */
	public ResponseEntity<String> journal(@RequestAttribute(WORKFLOW_ID) String id) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.client.exportJournal(WorkflowId.of(id)));
	}

	/**
	 * Fails a run in progress with the body's {@code reason} as its error, as
	 * {@link WorkflowClient#fail} does.
	 * @param id the workflow id
	 * @param body {@code {"reason": "..."}}
	 * @return the run as it is after the fail, as the endpoint describes it
	 */
	public ResponseEntity<String> fail(@RequestAttribute(WORKFLOW_ID) String id,
			@RequestBody(required = false) @Nullable String body) {
		WorkflowId workflowId = WorkflowId.of(id);
		this.client.fail(workflowId, reason(workflowId, body));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(this.endpoint.workflow(new String[] { id }, null)));
	}

	private String reason(WorkflowId id, @Nullable String body) {
		JsonNode reason = field(body, "reason");
		if (reason == null || !reason.isString() || reason.asString().isBlank()) {
			throw new IllegalArgumentException(
					"POST {\"reason\": \"...\"} to /workflows/" + id + "/fail: the reason becomes the run's error");
		}
		return reason.asString();
	}

	/**
	 * Forks a run from the position in the body's or the query's {@code fromStep}, as
	 * {@link WorkflowClient#fork} does.
	 * @param id the workflow id
	 * @param fromStep the position, if given in the query
	 * @param body {@code {"fromStep": n}}, unless given in the query
	 * @return the new run, as the endpoint describes it
	 */
	public ResponseEntity<String> fork(@RequestAttribute(WORKFLOW_ID) String id,
			@RequestParam(name = "fromStep", required = false) @Nullable String fromStep,
			@RequestBody(required = false) @Nullable String body) {
		WorkflowId workflowId = WorkflowId.of(id);
		WorkflowId fork = this.client.fork(workflowId, fromStep(workflowId, fromStep, body));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(this.endpoint.describe(fork, null)));
	}

	private int fromStep(WorkflowId id, @Nullable String query, @Nullable String body) {
		JsonNode position = (query != null) ? null : field(body, "fromStep");
		if (query != null && query.matches("-?\\d{1,9}")) {
			return Integer.parseInt(query);
		}
		if (position != null && position.isInt()) {
			return position.asInt();
		}
		throw new IllegalArgumentException(
				"POST {\"fromStep\": n} to /workflows/" + id + "/fork: the fork runs afresh from that position on");
	}

	/** A field of a JSON object body, or {@code null} if it is missing or malformed. */
	private @Nullable JsonNode field(@Nullable String body, String name) {
		try {
			return (body == null || body.isBlank()) ? null : this.json.readTree(body).get(name);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Answers a request that failed as the endpoint does, whatever the client accepts (a
	 * stream's client accepts only events).
	 * @param ex why it failed
	 * @return the error as JSON
	 */
	@ExceptionHandler
	public ResponseEntity<String> error(RuntimeException ex) {
		ErrorDescriptor error = ErrorDescriptor.of(ex);
		if (error == null) {
			throw ex;
		}
		return ResponseEntity.status(error.status())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(error));
	}

}
