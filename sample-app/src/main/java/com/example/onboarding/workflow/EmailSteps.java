package com.example.onboarding.workflow;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Email sent by queueing it in the {@code outbox_email} table, in plain steps (actions): at least
 * once. The email is queued first, in its own transaction, and the step delay comes after it, so
 * a step interrupted by a crash has already queued its email and queues it again when it re-runs.
 */
@Component
public class EmailSteps {

	private final JdbcClient jdbc;

	private final StepDelay delay;

	public EmailSteps(JdbcClient jdbc, StepDelay delay) {
		this.jdbc = jdbc;
		this.delay = delay;
	}

	/**
	 * Queues the email asking the user to verify their address.
	 * @param userId the user
	 */
	@Step(name = "sendVerificationEmail")
	public void sendVerificationEmail(String userId) {
		queue(userId, EmailKind.VERIFICATION);
	}

	/**
	 * Queues the follow-up email sent a while after the user is set up. Not a {@code @Step} of its
	 * own: the workflow makes the call a step, {@code sendFollowUpEmail}, scheduled with
	 * {@code Workflows.step(...).runAfter(...)}.
	 * @param userId the user
	 */
	public void sendFollowUpEmail(String userId) {
		queue(userId, EmailKind.FOLLOW_UP);
	}

	private void queue(String userId, EmailKind kind) {
		this.jdbc.sql("INSERT INTO outbox_email (workflow_id, user_id, kind) VALUES (:workflowId, :userId, :kind)")
			.param("workflowId", Workflows.workflowId().value())
			.param("userId", userId)
			.param("kind", kind.name())
			.update();
		this.delay.pause();
	}

}
