package com.example.onboarding.workflow;

import io.durable.workflow.WorkflowId;

/**
 * A verification code arrived for an onboarding that has not sent its verification email
 * yet.
 */
public class VerificationNotSentException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	VerificationNotSentException(WorkflowId id) {
		super("Workflow '" + id + "' has not sent a verification email yet");
	}

}
