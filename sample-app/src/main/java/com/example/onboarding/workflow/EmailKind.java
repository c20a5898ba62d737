package com.example.onboarding.workflow;

/** The kinds of email the onboarding sends, as stored in {@code outbox_email.kind}. */
public enum EmailKind {

	/** Asks the user to verify their email address. */
	VERIFICATION,

	/** Follows up once the user's account is set up. */
	FOLLOW_UP

}
