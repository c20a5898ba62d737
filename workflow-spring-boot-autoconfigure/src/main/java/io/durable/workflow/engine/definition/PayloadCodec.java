package io.durable.workflow.engine.definition;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.durable.workflow.InvalidPayloadException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.GenericTypeResolver;
import org.springframework.util.unit.DataSize;

/**
 * Writes and reads journal payloads as JSON with a mapper derived from the application's,
 * typed by the declared method signatures. No default typing: stored data never names a
 * class to instantiate.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class PayloadCodec {

	private final JsonMapper mapper;

	private final long maxBytes;

	private final Map<Type, PayloadType> types = new ConcurrentHashMap<>();

	/**
	 * @param applicationMapper the application's mapper, whose modules and settings
	 * payloads follow
	 * @param maxPayloadSize the largest JSON payload accepted
	 */
	public PayloadCodec(JsonMapper applicationMapper, DataSize maxPayloadSize) {
		// An object written as {} could never be read back; and fields removed from a
		// payload
		// class must not make an old journal unreadable.
		this.mapper = applicationMapper.rebuild()
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		this.maxBytes = maxPayloadSize.toBytes();
	}

	PayloadType parameterType(Method method, int index, Class<?> beanClass) {
		PayloadType type = payloadType(
				GenericTypeResolver.resolveType(method.getGenericParameterTypes()[index], beanClass));
		// Arguments are read one after the other from one array.
		return new PayloadType(type.type(), type.writer(),
				type.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
	}

	public PayloadType returnType(Method method, Class<?> beanClass) {
		return payloadType(GenericTypeResolver.resolveType(method.getGenericReturnType(), beanClass));
	}

	public PayloadType payloadType(Type type) {
		return this.types.computeIfAbsent(type, (key) -> {
			JavaType javaType = this.mapper.getTypeFactory().constructType(key);
			return new PayloadType(javaType, this.mapper.writerFor(javaType), this.mapper.readerFor(javaType));
		});
	}

	/**
	 * Whether plain JSON reads back as the value: strings, numbers, booleans, lists and
	 * maps of those.
	 */
	public boolean readsBackAsItself(@Nullable String json, @Nullable Object value) {
		return Objects.equals(read(payloadType(Object.class), json, () -> "a step result"), value);
	}

	/** Writes a value; {@code null} for {@code void} types. */
	public @Nullable String write(PayloadType type, @Nullable Object value, Supplier<String> what) {
		if (type.isVoid()) {
			return null;
		}
		String json;
		try {
			json = type.writer().writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw cannotWrite(what.get() + " (" + type.type().toCanonical() + ")", value, ex);
		}
		check(json, what);
		return json;
	}

	/**
	 * Jackson's advice for an object without properties is to disable
	 * {@code FAIL_ON_EMPTY_BEANS}, which would store {@code {}}: data that can never be
	 * read back. Say what to pass instead.
	 */
	private static InvalidPayloadException cannotWrite(String what, @Nullable Object value, JacksonException ex) {
		String reason = (ex instanceof InvalidDefinitionException && value != null
				&& String.valueOf(ex.getOriginalMessage()).contains("FAIL_ON_EMPTY_BEANS"))
						? value.getClass().getName() + " has no properties to write (no getters, public fields or"
								+ " record components), so it could not be read back: pass a record or a bean with"
								+ " properties, or pass its id and load it in a step"
						: ex.getOriginalMessage();
		return InvalidPayloadException.serialization("Cannot write " + what + " as JSON: " + reason, ex);
	}

	public @Nullable Object read(PayloadType type, @Nullable String json, Supplier<String> what) {
		if (json == null || type.isVoid()) {
			return null;
		}
		try {
			return type.reader().readValue(json);
		}
		catch (JacksonException ex) {
			throw InvalidPayloadException.serialization("Cannot read " + what.get() + " as " + type.type().toCanonical()
					+ property(ex) + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/** Reads a value whose declared type is unknown here, as a JSON tree. */
	public @Nullable Object readTree(@Nullable String json) {
		return (json != null) ? this.mapper.readTree(json) : null;
	}

	/** Writes arguments as a JSON array, each typed by its parameter. */
	public String writeArguments(WorkflowDefinition workflow, @Nullable Object[] args) {
		PayloadType[] types = workflow.parameterTypes();
		StringBuilder json = new StringBuilder().append('[');
		for (int i = 0; i < types.length; i++) {
			if (i > 0) {
				json.append(',');
			}
			try {
				json.append(types[i].writer().writeValueAsString(args[i]));
			}
			catch (JacksonException ex) {
				throw cannotWrite("argument " + i + " (" + types[i].type().toCanonical() + ") of workflow '"
						+ workflow.name() + "'", args[i], ex);
			}
		}
		String result = json.append(']').toString();
		check(result, () -> "The arguments of workflow '" + workflow.name() + "'");
		return result;
	}

	/**
	 * Reads arguments written by {@link #writeArguments}, perhaps for a method that has
	 * gained parameters at the end since: they get {@code null}, or their primitive
	 * type's default.
	 */
	public @Nullable Object[] readArguments(WorkflowDefinition workflow, String json) {
		PayloadType[] types = workflow.parameterTypes();
		@Nullable Object[] args = new Object[types.length];
		// Streamed, not read as a tree first: a tree would turn decimals into doubles.
		try (JsonParser parser = this.mapper.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw mismatch(workflow, json);
			}
			int stored = 0;
			while (stored < types.length && parser.nextToken() != JsonToken.END_ARRAY) {
				args[stored] = types[stored].reader().readValue(parser);
				stored++;
			}
			if (stored == types.length && parser.nextToken() != JsonToken.END_ARRAY) {
				throw mismatch(workflow, json);
			}
			// Parameters added at the end since the run started get their type's
			// default.
			for (int i = stored; i < types.length; i++) {
				Class<?> raw = types[i].type().getRawClass();
				args[i] = raw.isPrimitive() ? Array.get(Array.newInstance(raw, 1), 0) : null;
			}
			return args;
		}
		catch (JacksonException ex) {
			throw InvalidPayloadException.serialization("Cannot read the arguments of workflow '" + workflow.name()
					+ "' with its parameter types" + property(ex) + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Where in the JSON reading failed, as {@code  at property 'items[2].name'}; empty at
	 * its top.
	 */
	private static String property(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "" : " at property '" + path + "'";
	}

	private static InvalidPayloadException mismatch(WorkflowDefinition workflow, String json) {
		return InvalidPayloadException.serialization("The stored arguments of workflow '" + workflow.name()
				+ "' do not match its " + workflow.parameterTypes().length + " parameters (parameters added at the"
				+ " end since a run started read as null or their default; removed ones do not read back): " + json,
				null);
	}

	/**
	 * Refuses what the journal cannot hold: a payload over the size limit, or one with a
	 * NUL character, which PostgreSQL cannot store in text (and which would poison
	 * whatever the application stores it in next).
	 */
	private void check(String json, Supplier<String> what) {
		if (hasNul(json)) {
			throw InvalidPayloadException.serialization(what.get() + " cannot be stored: it contains a NUL character"
					+ " (\\u0000), which PostgreSQL cannot store as text; remove it, or pass binary data encoded (Base64)",
					null);
		}
		checkSize(json, what);
	}

	/**
	 * Whether JSON text holds the escape of a NUL character, {@code \u0000} (not an
	 * escaped backslash before it).
	 */
	private static boolean hasNul(String json) {
		for (int at = json.indexOf("u0000"); at >= 0; at = json.indexOf("u0000", at + 1)) {
			int backslashes = 0;
			while (at - backslashes - 1 >= 0 && json.charAt(at - backslashes - 1) == '\\') {
				backslashes++;
			}
			if (backslashes % 2 == 1) {
				return true;
			}
		}
		return false;
	}

	private void checkSize(String json, Supplier<String> what) {
		// A char is at most 3 UTF-8 bytes here (surrogate pairs: 4 bytes for 2 chars).
		if ((long) json.length() * 3 <= this.maxBytes) {
			return;
		}
		long bytes = json.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > this.maxBytes) {
			throw InvalidPayloadException.tooLarge(what.get(), bytes, this.maxBytes);
		}
	}

}
