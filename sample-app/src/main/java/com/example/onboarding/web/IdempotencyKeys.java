package com.example.onboarding.web;

import java.util.regex.Pattern;

import io.durable.workflow.WorkflowId;

/**
 * The {@code Idempotency-Key} header of a start: the client's name for the workflow it
 * asks for, which becomes its workflow id, so that a start whose answer was lost can be
 * repeated without starting a second one. 1 to {@value #MAX_LENGTH} ASCII letters,
 * digits, {@code -} and {@code _} (a UUID fits): nothing a path would read otherwise,
 * such as a slash, the separator of child workflow ids.
 */
final class IdempotencyKeys {

	static final String HEADER = "Idempotency-Key";

	static final int MAX_LENGTH = 64;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

	private IdempotencyKeys() {
	}

	/**
	 * The workflow id a key names.
	 * @param key the header's value
	 * @return the workflow id
	 * @throws InvalidRequestException if it is not a valid key
	 */
	static WorkflowId parse(String key) {
		if (!VALID.matcher(key).matches()) {
			throw new InvalidRequestException("The header '" + HEADER + "' must be 1 to " + MAX_LENGTH
					+ " characters, each an ASCII letter or digit, '-' or '_'");
		}
		return WorkflowId.of(key);
	}

}
