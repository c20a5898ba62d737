package io.durable.workflow;

import java.util.List;

/**
 * An event value failed its type's Bean Validation constraints; nothing was stored.
 * {@link #violations()} names each field and what is wrong with it.
 */
public class InvalidEventException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final List<String> violations;

	public InvalidEventException(String eventName, List<String> violations) {
		super("Invalid value for event '" + eventName + "': " + String.join("; ", violations));
		this.violations = List.copyOf(violations);
	}

	/**
	 * What is wrong, one entry per violated constraint, as {@code field: message}.
	 * @return the violations
	 */
	public List<String> violations() {
		return this.violations;
	}

}
