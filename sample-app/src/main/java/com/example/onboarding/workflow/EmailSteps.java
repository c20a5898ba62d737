package com.example.onboarding.workflow;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;

import com.example.onboarding.SampleProperties;
import io.durable.workflow.Step;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.Workflows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Email sent by queueing it in the {@code outbox_email} table, and the check of the codes
 * it carried, in plain steps (actions): at least once. The email is queued first, in its
 * own transaction, and the step delay comes after it, so a step interrupted by a crash
 * has already queued its email and queues it again when it re-runs (a verification email
 * with a new code: the code of either verifies).
 */
@Component
public class EmailSteps {

	private static final Logger logger = LoggerFactory.getLogger(EmailSteps.class);

	private static final int CODES = 1_000_000;

	private final RandomGenerator random = new SecureRandom();

	private final JdbcClient jdbc;

	private final StepDelay delay;

	private final String fixedCode;

	public EmailSteps(JdbcClient jdbc, StepDelay delay, SampleProperties properties) {
		this.jdbc = jdbc;
		this.delay = delay;
		this.fixedCode = properties.verificationCode();
	}

	/**
	 * Queues the email asking the user to verify their address, with a 6-digit code that
	 * the user enters to prove they got it: random, unless
	 * {@code sample.verification-code} fixes it. The code is not the step's result, so it
	 * does not show in the journal.
	 * @param userId the user
	 */
	@Step(name = "sendVerificationEmail")
	public void sendVerificationEmail(String userId) {
		String code = this.fixedCode.isEmpty() ? "%06d".formatted(this.random.nextInt(CODES)) : this.fixedCode;
		// The sample sends no real email: the log shows the code, for trying the API by
		// hand.
		logger.info("Sending the verification email to user '{}' with code {}", userId, code);
		queue(userId, EmailKind.VERIFICATION, code);
	}

	/**
	 * Checks a code the workflow received against the codes its verification emails
	 * carried: the workflow's own check, as an event can come from elsewhere than
	 * {@link EmailVerifications} (through actuator, say). A step, so its answer is
	 * journaled: a replay gets the same answer. Every check is logged in
	 * {@code verification_check} before the step delay.
	 * @param code the code the workflow received
	 * @return whether it is the code of one of the workflow's verification emails
	 */
	@Step(name = "checkVerificationCode")
	public boolean checkVerificationCode(String code) {
		WorkflowId id = Workflows.workflowId();
		boolean matches = verificationCodes(id).contains(code);
		this.jdbc
			.sql("INSERT INTO verification_check (workflow_id, code, matches) VALUES (:workflowId, :code, :matches)")
			.param("workflowId", id.value())
			.param("code", code)
			.param("matches", matches)
			.update();
		this.delay.pause();
		return matches;
	}

	/**
	 * The codes of the verification emails queued for an onboarding.
	 * @param id the onboarding workflow
	 * @return the codes, oldest first; empty before the first email
	 */
	public List<String> verificationCodes(WorkflowId id) {
		return this.jdbc.sql("SELECT code FROM outbox_email WHERE workflow_id = ? AND kind = ? ORDER BY id")
			.params(id.value(), EmailKind.VERIFICATION.name())
			.query(String.class)
			.list();
	}

	/**
	 * Queues the follow-up email sent a while after the user is set up. Not a
	 * {@code @Step} of its own: the workflow makes the call a step,
	 * {@code sendFollowUpEmail}, scheduled with
	 * {@code Workflows.step(...).runAfter(...)}.
	 * @param userId the user
	 */
	public void sendFollowUpEmail(String userId) {
		queue(userId, EmailKind.FOLLOW_UP, null);
	}

	/** Queues an email; {@code code} is {@code null} but for a verification email. */
	private void queue(String userId, EmailKind kind, String code) {
		this.jdbc
			.sql("INSERT INTO outbox_email (workflow_id, user_id, kind, code)"
					+ " VALUES (:workflowId, :userId, :kind, :code)")
			.param("workflowId", Workflows.workflowId().value())
			.param("userId", userId)
			.param("kind", kind.name())
			.param("code", code)
			.update();
		this.delay.pause();
	}

}
