package com.example.onboarding.workflow;

import io.durable.workflow.WorkflowId;

/**
 * A start asked for the id of an existing onboarding of another user: an idempotency key
 * used again for a different request. Nothing is started.
 */
public class OnboardingIdTakenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	OnboardingIdTakenException(WorkflowId id) {
		super("Idempotency key '" + id + "' was already used to start the onboarding of another user:"
				+ " send a new key with a new request");
	}

}
