package io.durable.workflow.journal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's journal as a JSON document, as {@code WorkflowClient.exportJournal} writes it
 * and the replayer reads it: the run's id, workflow, state and arguments, and every
 * journaled step with its state, attempts, result and error. Payloads are kept as the
 * JSON text the journal holds, so that they read back exactly as stored.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class JournalExport {

	/** The version of the document's shape, written as {@code format}. */
	public static final int FORMAT = 1;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JournalExport() {
	}

	/**
	 * A run's journal.
	 *
	 * @param id the workflow id
	 * @param workflow the workflow's name
	 * @param state the run's state
	 * @param arguments the arguments as the journal holds them (a JSON array)
	 * @param steps the journaled steps, in order
	 */
	public record Run(String id, String workflow, WorkflowState state, String arguments, List<JournalEntry> steps) {
	}

	/** Writes a run's journal as JSON. */
	public static String write(Run run) {
		ObjectNode document = JSON.createObjectNode()
			.put("format", FORMAT)
			.put("id", run.id())
			.put("workflow", run.workflow())
			.put("state", run.state().name())
			.put("arguments", run.arguments());
		ArrayNode steps = document.putArray("steps");
		for (JournalEntry entry : run.steps()) {
			steps.addObject()
				.put("sequence", entry.sequence())
				.put("name", entry.name())
				.put("state", entry.state().name())
				.put("attempts", entry.attempts())
				.put("failures", entry.failures())
				.put("result", entry.result())
				.put("error", entry.error())
				.put("wakeAt", (entry.wakeAt() != null) ? entry.wakeAt().toString() : null);
		}
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
	}

	/**
	 * Reads a document {@link #write} wrote.
	 * @throws IllegalArgumentException naming what is missing or malformed
	 */
	public static Run read(String json) {
		JsonNode document;
		try {
			document = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Not a journal exported by WorkflowClient.exportJournal: " + ex.getOriginalMessage());
		}
		int format = document.path("format").asInt(-1);
		if (format != FORMAT) {
			throw new IllegalArgumentException("Not a journal exported by WorkflowClient.exportJournal (format "
					+ FORMAT + "): its 'format' is " + document.path("format"));
		}
		List<JournalEntry> steps = new ArrayList<>();
		for (JsonNode step : array(document, "steps")) {
			String where = "step " + steps.size() + " of the journal";
			int sequence = number(step, "sequence", where);
			if (sequence <= (steps.isEmpty() ? -1 : steps.get(steps.size() - 1).sequence())) {
				throw new IllegalArgumentException(where + " has sequence " + sequence
						+ ": the sequences must be 0 or more, each greater than the one before");
			}
			steps.add(new JournalEntry(sequence, text(step, "name", where),
					constant(StepState.class, text(step, "state", where), where), number(step, "attempts", where),
					number(step, "failures", where), optionalText(step, "result"), optionalText(step, "error"),
					instant(optionalText(step, "wakeAt"), where)));
		}
		return new Run(text(document, "id", "the journal"), text(document, "workflow", "the journal"),
				constant(WorkflowState.class, text(document, "state", "the journal"), "the journal"),
				text(document, "arguments", "the journal"), steps);
	}

	private static Iterable<JsonNode> array(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || !value.isArray()) {
			throw new IllegalArgumentException("The journal has no array '" + name + "'");
		}
		return value.values();
	}

	private static String text(JsonNode node, String name, String where) {
		String value = optionalText(node, name);
		if (value == null) {
			throw new IllegalArgumentException(where + " has no text '" + name + "'");
		}
		return value;
	}

	private static @Nullable String optionalText(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static int number(JsonNode node, String name, String where) {
		JsonNode value = node.get(name);
		if (value == null || !value.isInt()) {
			throw new IllegalArgumentException(where + " has no number '" + name + "'");
		}
		return value.asInt();
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String value, String where) {
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + " has an unknown state '" + value + "'");
		}
	}

	private static @Nullable Instant instant(@Nullable String value, String where) {
		try {
			return (value != null) ? Instant.parse(value) : null;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(where + " has a malformed 'wakeAt': " + value);
		}
	}

}
