package com.example.onboarding.workflow;

import com.example.onboarding.SampleProperties;
import io.durable.workflow.Async;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/**
 * The user-onboarding workflow: a verification email; the content generation (retried while the
 * model is overloaded) and the CRM profile lookup in parallel; the welcome message built from
 * both; and, {@code sample.follow-up-delay} later, a follow-up email. Every step is journaled as
 * it finishes, at the position of its call. After a crash the workflow resumes: journaled steps
 * return their recorded results instead of running again, and a journaled wait keeps its time.
 */
@Component
public class OnboardingWorkflow {

	private final EmailSteps emails;

	private final ContentSteps content;

	private final CrmSteps crm;

	private final AccountSteps accounts;

	private final SampleProperties properties;

	public OnboardingWorkflow(EmailSteps emails, ContentSteps content, CrmSteps crm, AccountSteps accounts,
			SampleProperties properties) {
		this.emails = emails;
		this.content = content;
		this.crm = crm;
		this.accounts = accounts;
		this.properties = properties;
	}

	/**
	 * Onboards one user.
	 * @param userId the user to onboard
	 * @return the welcome message created for the user
	 */
	@Workflow(name = "userOnboarding")
	public String onboard(String userId) {
		this.emails.sendVerificationEmail(userId);

		Async<String> text = Workflows.async(() -> this.content.generateCustomContent(userId));
		Async<CrmProfile> profile = Workflows.async(() -> this.crm.lookUpProfile(userId));
		Workflows.awaitAll(text, profile);

		String welcome = this.accounts.createWelcomeMessage(userId, profile.get(), text.get());

		// Configuration, not a step result, so it may differ on a replay after a restart with other
		// settings: the run time journaled on the first pass is the one that counts.
		Workflows.step("sendFollowUpEmail")
			.runAfter(this.properties.followUpDelay())
			.run(() -> this.emails.sendFollowUpEmail(userId));
		return welcome;
	}

}
