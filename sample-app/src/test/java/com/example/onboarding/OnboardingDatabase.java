package com.example.onboarding;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What onboarding workflows left in the database, read with plain SQL: how many times each step
 * really executed (the rows its side effect wrote), the journal, and the run's state.
 */
final class OnboardingDatabase {

	/** The onboarding steps, in the order the workflow calls them. */
	static final List<String> STEPS = List.of("sendVerificationEmail", "generateCustomContent",
			"createWelcomeMessage", "sendFollowUpEmail");

	private static final Map<String, String> EXECUTIONS = Map.of("sendVerificationEmail",
			"SELECT COUNT(*) FROM outbox_email WHERE workflow_id = ? AND kind = 'VERIFICATION'",
			"generateCustomContent", "SELECT COUNT(*) FROM generated_content WHERE workflow_id = ?",
			"createWelcomeMessage", "SELECT COUNT(*) FROM welcome_message WHERE workflow_id = ?",
			"sendFollowUpEmail", "SELECT COUNT(*) FROM outbox_email WHERE workflow_id = ? AND kind = 'FOLLOW_UP'");

	private final JdbcClient jdbc;

	OnboardingDatabase(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** How many times a step of the workflow executed, counted by its side effect. */
	int executions(String workflowId, String step) {
		return this.jdbc.sql(EXECUTIONS.get(step)).param(workflowId).query(Integer.class).single();
	}

	/** The names of the workflow's journaled steps, in order. */
	List<String> journal(String workflowId) {
		return this.jdbc.sql("SELECT name FROM workflow_step WHERE run_id = ? ORDER BY seq")
			.param(workflowId)
			.query(String.class)
			.list();
	}

	/** The state the journal holds for the run. */
	String runState(String workflowId) {
		return this.jdbc.sql("SELECT state FROM workflow_run WHERE id = ?")
			.param(workflowId)
			.query(String.class)
			.single();
	}

}
