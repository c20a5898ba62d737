package com.example.onboarding.workflow;

import io.durable.workflow.WorkflowCompletion;
import io.durable.workflow.WorkflowCompletionHandler;
import io.durable.workflow.WorkflowState;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records how every onboarding ended, one row per workflow in {@code onboarding_outcome}:
 * the completion handler of the onboardings the API starts. It is called in the
 * transaction that records the workflow's outcome (or, for a canceled one, in the
 * cancel's transaction), so the row commits with the outcome, exactly once, crash or not.
 */
@Component
public class OnboardingOutcomes implements WorkflowCompletionHandler {

	private static final int MAX_DETAIL_LENGTH = 4000;

	private final JdbcClient jdbc;

	public OnboardingOutcomes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the outcome, with the welcome message of a completed onboarding or the error
	 * of a failed one as its detail.
	 * @param completion the finished onboarding, with its {@link OnboardingRequest} as
	 * context
	 */
	@Override
	public void onComplete(WorkflowCompletion completion) {
		String detail = (completion.state() == WorkflowState.COMPLETED) ? completion.value(String.class)
				: completion.error();
		this.jdbc
			.sql("INSERT INTO onboarding_outcome (workflow_id, user_id, state, detail)"
					+ " VALUES (:workflowId, :userId, :state, :detail)")
			.param("workflowId", completion.workflowId().value())
			.param("userId", completion.context(OnboardingRequest.class).userId())
			.param("state", completion.state().name())
			.param("detail",
					(detail != null && detail.length() > MAX_DETAIL_LENGTH) ? detail.substring(0, MAX_DETAIL_LENGTH)
							: detail)
			.update();
	}

}
