package com.example.onboarding.workflow;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

import com.example.onboarding.SampleProperties;
import io.durable.workflow.Step;
import io.durable.workflow.Workflows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Email sent by queueing it in the {@code outbox_email} table, in plain steps (actions): at least
 * once. The email is queued first, in its own transaction, and the step delay comes after it, so
 * a step interrupted by a crash has already queued its email and queues it again when it re-runs
 * (a verification email with a new code: {@link EmailVerifications} accepts the code of either).
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
	 * Queues the email asking the user to verify their address, with a 6-digit code that the user
	 * enters to prove they got it: random, unless {@code sample.verification-code} fixes it. The
	 * code is not the step's result, so it does not show in the journal.
	 * @param userId the user
	 */
	@Step(name = "sendVerificationEmail")
	public void sendVerificationEmail(String userId) {
		String code = this.fixedCode.isEmpty() ? "%06d".formatted(this.random.nextInt(CODES)) : this.fixedCode;
		// The sample sends no real email: the log shows the code, for trying the API by hand.
		logger.info("Sending the verification email to user '{}' with code {}", userId, code);
		queue(userId, EmailKind.VERIFICATION, code);
	}

	/**
	 * Queues the follow-up email sent a while after the user is set up. Not a {@code @Step} of its
	 * own: the workflow makes the call a step, {@code sendFollowUpEmail}, scheduled with
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
