package com.example.onboarding.workflow;

import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

/**
 * The user-onboarding workflow: four steps in sequence, each journaled before the next one
 * starts. After a crash it resumes at the first step without a journaled result; the steps
 * before it return their recorded results instead of running again.
 */
@Component
public class OnboardingWorkflow {

	private final EmailSteps emails;

	private final ContentSteps content;

	private final AccountSteps accounts;

	public OnboardingWorkflow(EmailSteps emails, ContentSteps content, AccountSteps accounts) {
		this.emails = emails;
		this.content = content;
		this.accounts = accounts;
	}

	/**
	 * Onboards one user.
	 * @param userId the user to onboard
	 * @return the welcome message created for the user
	 */
	@Workflow(name = "userOnboarding")
	public String onboard(String userId) {
		this.emails.sendVerificationEmail(userId);
		String text = this.content.generateCustomContent(userId);
		String welcome = this.accounts.createWelcomeMessage(userId, text);
		this.emails.sendFollowUpEmail(userId);
		return welcome;
	}

}
