package com.example.onboarding.workflow;

import java.util.Optional;

import io.durable.workflow.StartOptions;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts onboardings, whose outcome {@link OnboardingOutcomes} records, and remembers in
 * {@code onboarding_request} whom each one is for, so that a start under a caller-chosen
 * id is idempotent: repeated for the same user it starts nothing and returns the same id;
 * for another user it is refused.
 */
@Component
public class Onboardings {

	private final WorkflowClient workflows;

	private final JdbcClient jdbc;

	public Onboardings(WorkflowClient workflows, JdbcClient jdbc) {
		this.workflows = workflows;
		this.jdbc = jdbc;
	}

	/**
	 * Starts the onboarding of a user, in one transaction with its
	 * {@code onboarding_request} row: the workflow exists only if the row does. Of two
	 * concurrent starts under one id, the second waits in {@code start} until the first
	 * commits, and then finds its row.
	 * @param userId the user to onboard
	 * @param id the workflow id to give it, or {@code null} for a generated one
	 * @return the onboarding's id: the existing one's if {@code id} names an onboarding
	 * of the same user already
	 * @throws OnboardingIdTakenException if {@code id} names the onboarding of another
	 * user
	 */
	@Transactional
	public WorkflowId start(String userId, @Nullable WorkflowId id) {
		StartOptions options = StartOptions.defaults()
			.onComplete(OnboardingOutcomes.class)
			.context(new OnboardingRequest(userId));
		WorkflowId started = this.workflows.start(OnboardingWorkflow.class, (workflow) -> workflow.onboard(userId),
				(id != null) ? options.id(id) : options);
		Optional<String> recorded = this.jdbc.sql("SELECT user_id FROM onboarding_request WHERE workflow_id = ?")
			.param(started.value())
			.query(String.class)
			.optional();
		if (recorded.isEmpty()) {
			this.jdbc.sql("INSERT INTO onboarding_request (workflow_id, user_id) VALUES (?, ?)")
				.params(started.value(), userId)
				.update();
		}
		else if (!recorded.get().equals(userId)) {
			throw new OnboardingIdTakenException(started);
		}
		return started;
	}

}
