package com.example.onboarding.workflow;

/**
 * The language model turned a request down because it is overloaded: a transient failure,
 * worth trying again a little later. Thrown by the first {@code sample.content-failures}
 * attempts of {@link ContentSteps#generateCustomContent}.
 */
public class ModelOverloadedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ModelOverloadedException(String message) {
		super(message);
	}

}
