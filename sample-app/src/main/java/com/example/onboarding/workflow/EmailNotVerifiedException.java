package com.example.onboarding.workflow;

import java.time.Duration;

/**
 * The user did not verify their email address within {@code sample.verification-timeout}:
 * the onboarding fails with this error.
 */
public class EmailNotVerifiedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	EmailNotVerifiedException(String userId, Duration timeout) {
		super("The email address of user '" + userId + "' was not verified within " + timeout);
	}

}
