package com.example.onboarding.workflow;

/** A well-formed verification code that is not the one the onboarding's email carried. */
public class VerificationCodeMismatchException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	VerificationCodeMismatchException() {
		super("The verification code does not match");
	}

}
