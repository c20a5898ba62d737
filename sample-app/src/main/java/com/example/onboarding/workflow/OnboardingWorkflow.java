package com.example.onboarding.workflow;

import java.time.Duration;
import java.time.Instant;

import com.example.onboarding.SampleProperties;
import io.durable.workflow.Async;
import io.durable.workflow.EventDefinition;
import io.durable.workflow.Workflow;
import io.durable.workflow.WorkflowTimeoutException;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/**
 * The user-onboarding workflow: a verification email, and a durable wait for the code
 * from it (at most {@code sample.verification-timeout}), which the workflow checks
 * itself; the content generation (retried while the model is overloaded) and the CRM
 * profile lookup in parallel; the content's refinement, a child workflow, if the draft
 * needs it; the welcome message built from the profile and the text; and,
 * {@code sample.follow-up-delay} later, a follow-up email. Every step is journaled as it
 * finishes, at the position of its call. After a crash the workflow resumes: journaled
 * steps return their recorded results instead of running again, and a journaled wait
 * keeps its time.
 */
@Component
public class OnboardingWorkflow {

	/**
	 * The user entered the code from the verification email; sent by
	 * {@link EmailVerifications}.
	 */
	public static final EventDefinition<EmailVerification> EMAIL_VERIFICATION = EventDefinition.of("emailVerification",
			EmailVerification.class);

	private final EmailSteps emails;

	private final ContentSteps content;

	private final CrmSteps crm;

	private final ContentRefinementWorkflow refinement;

	private final AccountSteps accounts;

	private final SampleProperties properties;

	public OnboardingWorkflow(EmailSteps emails, ContentSteps content, CrmSteps crm,
			ContentRefinementWorkflow refinement, AccountSteps accounts, SampleProperties properties) {
		this.emails = emails;
		this.content = content;
		this.crm = crm;
		this.refinement = refinement;
		this.accounts = accounts;
		this.properties = properties;
	}

	/**
	 * Onboards one user.
	 * @param userId the user to onboard
	 * @return the welcome message created for the user
	 * @throws EmailNotVerifiedException if the user does not verify their email address
	 * in time
	 */
	@Workflow(name = "userOnboarding")
	public String onboard(String userId) {
		this.emails.sendVerificationEmail(userId);
		awaitVerification(userId);

		Async<Draft> draft = Workflows.async(() -> this.content.generateCustomContent(userId));
		Async<CrmProfile> profile = Workflows.async(() -> this.crm.lookUpProfile(userId));
		Workflows.awaitAll(draft, profile);

		// A @Workflow method of another bean, called from workflow code: it runs as a
		// child workflow.
		String text = draft.get().needsRefinement() ? this.refinement.refine(userId, draft.get().text())
				: draft.get().text();
		String welcome = this.accounts.createWelcomeMessage(userId, profile.get(), text);

		// Configuration, not a step result, so it may differ on a replay after a restart
		// with other
		// settings: the run time journaled on the first pass is the one that counts.
		Workflows.step("sendFollowUpEmail")
			.runAfter(this.properties.followUpDelay())
			.run(() -> this.emails.sendFollowUpEmail(userId));
		return welcome;
	}

	/**
	 * Waits for the code from the verification email and checks it: a wrong code (an
	 * event sent past {@link EmailVerifications}) verifies nothing, and the wait goes on
	 * for another one until the deadline, the journaled time of the first pass plus the
	 * timeout; then the onboarding fails, as when no code comes. As with the follow-up
	 * email, a wait journaled on an earlier pass keeps its deadline, whatever the timeout
	 * after a restart.
	 */
	private void awaitVerification(String userId) {
		Duration timeout = this.properties.verificationTimeout();
		Instant deadline = Workflows.now().plus(timeout);
		Duration left = timeout;
		while (!left.isNegative()) {
			EmailVerification verification;
			try {
				verification = Workflows.awaitEvent(EMAIL_VERIFICATION, left);
			}
			catch (WorkflowTimeoutException ex) {
				break;
			}
			if (this.emails.checkVerificationCode(verification.code())) {
				return;
			}
			left = Duration.between(Workflows.now(), deadline);
		}
		throw new EmailNotVerifiedException(userId, timeout);
	}

}
