package com.example.onboarding.workflow;

import java.util.List;
import java.util.Locale;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A stand-in for a CRM: a plain step (at least once, not retried) that looks up the
 * user's profile. The workflow runs it in parallel with the content generation. Every
 * lookup is logged in {@code profile_lookup} before the step delay.
 */
@Component
public class CrmSteps {

	private static final List<String> PLANS = List.of("free", "team", "enterprise");

	private final JdbcClient jdbc;

	private final StepDelay delay;

	public CrmSteps(JdbcClient jdbc, StepDelay delay) {
		this.jdbc = jdbc;
		this.delay = delay;
	}

	/**
	 * Looks up the user's profile: the same profile for the same user every time.
	 * @param userId the user
	 * @return the user's profile
	 */
	@Step(name = "lookUpCrmProfile")
	public CrmProfile lookUpProfile(String userId) {
		this.jdbc.sql("INSERT INTO profile_lookup (workflow_id, user_id) VALUES (:workflowId, :userId)")
			.param("workflowId", Workflows.workflowId().value())
			.param("userId", userId)
			.update();
		this.delay.pause();
		String displayName = userId.substring(0, 1).toUpperCase(Locale.ROOT) + userId.substring(1);
		return new CrmProfile(userId, displayName, PLANS.get(Math.floorMod(userId.hashCode(), PLANS.size())));
	}

}
