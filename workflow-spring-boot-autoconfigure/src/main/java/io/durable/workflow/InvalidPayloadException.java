package io.durable.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A value cannot be stored or read back: a workflow argument, step result, return value
 * or event value Jackson cannot write or read as the declared type, one larger than
 * {@code workflow.journal.max-payload-size}, or an event value that violates its type's
 * Bean Validation constraints ({@link #violations()} names each). Where a caller passed
 * the value, nothing is stored. The endpoint answers it with 400.
 */
public final class InvalidPayloadException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final List<String> violations;

	private InvalidPayloadException(String message, @Nullable Throwable cause, List<String> violations) {
		super(message, cause);
		this.violations = List.copyOf(violations);
	}

	/**
	 * Jackson cannot write the value, or read it back as the declared type.
	 * @param message what and why
	 * @param cause Jackson's exception, if there was one
	 * @return the exception
	 */
	public static InvalidPayloadException serialization(String message, @Nullable Throwable cause) {
		return new InvalidPayloadException(message, cause, List.of());
	}

	/**
	 * The value is larger, as JSON, than {@code workflow.journal.max-payload-size}. Store
	 * large data in your own tables and pass its id instead, or raise the limit.
	 * @param what the value, for the message
	 * @param sizeBytes its size as JSON
	 * @param limitBytes the limit
	 * @return the exception
	 */
	public static InvalidPayloadException tooLarge(String what, long sizeBytes, long limitBytes) {
		return new InvalidPayloadException(what + " is " + sizeBytes
				+ " bytes as JSON, more than workflow.journal.max-payload-size (" + limitBytes + " bytes)", null,
				List.of());
	}

	/**
	 * An event value is not what the event takes: it violates constraints, or (sent as
	 * JSON) is not JSON of the event's type.
	 * @param eventName the event
	 * @param violations what is wrong, one entry each, as {@code field: message}
	 * @return the exception
	 */
	public static InvalidPayloadException invalidEvent(String eventName, List<String> violations) {
		return new InvalidPayloadException(
				"Invalid value for event '" + eventName + "': " + String.join("; ", violations), null, violations);
	}

	/**
	 * What is wrong with an event value, one entry per violated constraint, as
	 * {@code field: message}; empty for the other cases.
	 * @return the violations
	 */
	public List<String> violations() {
		return this.violations;
	}

}
