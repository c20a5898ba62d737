package io.durable.workflow.engine.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import io.durable.workflow.WorkflowState;

/**
 * A listing's filters as text (query parameters of the endpoint and the dashboard), read
 * with an error that names the parameter and what it takes.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class ListParameters {

	private ListParameters() {
	}

	/**
	 * A state, in any case.
	 * @throws IllegalArgumentException if it names none
	 */
	public static WorkflowState state(String state) {
		try {
			return WorkflowState.valueOf(state.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"state must be one of " + Arrays.toString(WorkflowState.values()) + ", got '" + state + "'");
		}
	}

	/**
	 * An ISO-8601 instant.
	 * @param parameter the parameter's name, for the error
	 * @throws IllegalArgumentException if it is not one
	 */
	public static Instant instant(String parameter, String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					parameter + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + value + "'");
		}
	}

}
