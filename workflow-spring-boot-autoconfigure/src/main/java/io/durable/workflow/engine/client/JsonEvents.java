package io.durable.workflow.engine.client;

import java.util.List;

import io.durable.workflow.EventDefinition;
import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowStateException;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends events whose value arrives as JSON text (the endpoint's), through the client:
 * read as the type of the workflow's {@link EventDefinition} of that name if it has one
 * (and checked as that type's values are), else kept as the JSON it is.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class JsonEvents {

	private final WorkflowClient client;

	private final WorkflowRegistry registry;

	private final PayloadCodec codec;

	public JsonEvents(WorkflowClient client, WorkflowRegistry registry, PayloadCodec codec) {
		this.client = client;
		this.registry = registry;
		this.codec = codec;
	}

	/**
	 * Sends an event with a value given as JSON text.
	 * @param json the value, or {@code null} for none
	 * @throws InvalidPayloadException if the JSON is malformed, {@code null}, or does not
	 * fit the event's definition; nothing is sent then
	 */
	public void send(WorkflowId id, String name, @Nullable String json) {
		WorkflowSummary run = this.client.describe(id);
		if (run.state().isFinished()) {
			throw WorkflowStateException.finished(id, run.state(), "send event '" + name + "'");
		}
		WorkflowDefinition workflow = this.registry.find(run.name());
		EventDefinition<?> definition = (workflow != null) ? workflow.events().get(name) : null;
		if (definition != null) {
			send(id, definition, json);
		}
		else if (json != null) {
			this.client.sendEvent(id, name, read(name, json, JsonNode.class));
		}
		else {
			this.client.sendEvent(id, name);
		}
	}

	private <T> void send(WorkflowId id, EventDefinition<T> event, @Nullable String json) {
		this.client.sendEvent(id, event, (json != null) ? read(event.name(), json, event.type()) : null);
	}

	/** Reads an event value from JSON text as the given type. */
	private <T> T read(String name, String json, Class<T> type) {
		Object value;
		try {
			value = this.codec.read(this.codec.payloadType(type), json, () -> "the JSON");
		}
		catch (InvalidPayloadException ex) {
			String problem = (ex.getCause() instanceof JacksonException jackson) ? jackson.getOriginalMessage()
					: ex.getMessage();
			throw InvalidPayloadException.invalidEvent(name,
					List.of("not JSON of a " + type.getSimpleName() + ": " + problem));
		}
		if (value == null) {
			throw InvalidPayloadException.invalidEvent(name,
					List.of("the JSON is null: send the event without a value instead"));
		}
		return type.cast(value);
	}

}
