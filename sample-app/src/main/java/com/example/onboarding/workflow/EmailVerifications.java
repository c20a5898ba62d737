package com.example.onboarding.workflow;

import java.util.List;

import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowStateException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes the code a user entered and, if it is the code of the onboarding's verification
 * email, sends the {@link OnboardingWorkflow#EMAIL_VERIFICATION} event the workflow waits
 * for. A check for a quick answer to the user only: the workflow checks the code it
 * receives itself.
 */
@Component
public class EmailVerifications {

	private final WorkflowClient workflows;

	private final EmailSteps emails;

	public EmailVerifications(WorkflowClient workflows, EmailSteps emails) {
		this.workflows = workflows;
		this.emails = emails;
	}

	/**
	 * Verifies the email address of an onboarding. The event is sent first, in this
	 * method's transaction, so that the client checks the code's format and the
	 * workflow's state; the code is compared after that, and a wrong one rolls the
	 * transaction back: the event is then never stored, and the workflow keeps waiting.
	 * Any of the codes the onboarding sent is accepted (a verification email is sent
	 * again if a crash interrupts its step).
	 * @param id the onboarding workflow
	 * @param verification the code the user entered
	 * @throws InvalidPayloadException if the code is not 6 digits
	 * @throws WorkflowNotFoundException if no such workflow exists
	 * @throws WorkflowStateException if the workflow has finished
	 * @throws VerificationNotSentException if it has not sent its verification email yet
	 * @throws VerificationCodeMismatchException if the code is not one it sent
	 */
	@Transactional
	public void verify(WorkflowId id, EmailVerification verification) {
		this.workflows.sendEvent(id, OnboardingWorkflow.EMAIL_VERIFICATION, verification);
		List<String> sent = this.emails.verificationCodes(id);
		if (sent.isEmpty()) {
			throw new VerificationNotSentException(id);
		}
		if (!sent.contains(verification.code())) {
			throw new VerificationCodeMismatchException();
		}
	}

}
