package com.example.onboarding.workflow;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/**
 * A transactional step: the welcome message and the step's journal entry commit in one
 * transaction, so the message exists exactly once even if the process dies in the middle
 * of the step (its transaction is then rolled back and the step runs again).
 */
@Component
public class AccountSteps {

	private final WelcomeMessageRepository messages;

	private final StepDelay delay;

	public AccountSteps(WelcomeMessageRepository messages, StepDelay delay) {
		this.messages = messages;
		this.delay = delay;
	}

	/**
	 * Stores the message the user sees on first login.
	 * @param userId the user
	 * @param profile the user's profile from the CRM
	 * @param content the onboarding tips, as generated or refined
	 * @return the message's text
	 */
	@Step(name = "createWelcomeMessage", transactional = true)
	public String createWelcomeMessage(String userId, CrmProfile profile, String content) {
		this.delay.pause();
		WelcomeMessage message = new WelcomeMessage(Workflows.workflowId().value(), userId,
				"Welcome aboard, " + profile.displayName() + " (" + profile.plan() + " plan)! " + content);
		return this.messages.save(message).getBody();
	}

}
