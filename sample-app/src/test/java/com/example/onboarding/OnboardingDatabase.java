package com.example.onboarding;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What onboarding workflows left in the database, read with plain SQL: how many times each step
 * really executed (the rows its side effect wrote), the journal, and the run's state.
 */
final class OnboardingDatabase {

	/**
	 * The onboarding steps in the order the workflow calls them, which is their journal order:
	 * the content generation and the profile lookup run in parallel, at positions 1 and 2.
	 */
	static final List<String> STEPS = List.of("sendVerificationEmail", "generateCustomContent", "lookUpCrmProfile",
			"createWelcomeMessage", "sendFollowUpEmail");

	private static final Map<String, String> EXECUTIONS = Map.of("sendVerificationEmail",
			"SELECT COUNT(*) FROM outbox_email WHERE workflow_id = ? AND kind = 'VERIFICATION'",
			"generateCustomContent", "SELECT COUNT(*) FROM generated_content WHERE workflow_id = ?",
			"lookUpCrmProfile", "SELECT COUNT(*) FROM profile_lookup WHERE workflow_id = ?",
			"createWelcomeMessage", "SELECT COUNT(*) FROM welcome_message WHERE workflow_id = ?",
			"sendFollowUpEmail", "SELECT COUNT(*) FROM outbox_email WHERE workflow_id = ? AND kind = 'FOLLOW_UP'");

	private final JdbcClient jdbc;

	OnboardingDatabase(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many times a step of the workflow executed, counted by its side effect; for
	 * {@code generateCustomContent}, every attempt counts.
	 */
	int executions(String workflowId, String step) {
		return this.jdbc.sql(EXECUTIONS.get(step)).param(workflowId).query(Integer.class).single();
	}

	/** The workflow's journal rows, in order. */
	List<JournalRow> journal(String workflowId) {
		return this.jdbc.sql("SELECT seq, name, state FROM workflow_step WHERE run_id = ? ORDER BY seq")
			.param(workflowId)
			.query((row, number) -> new JournalRow(row.getInt("seq"), row.getString("name"), row.getString("state")))
			.list();
	}

	/** The state the journal holds for the run. */
	String runState(String workflowId) {
		return this.jdbc.sql("SELECT state FROM workflow_run WHERE id = ?")
			.param(workflowId)
			.query(String.class)
			.single();
	}

	/**
	 * One row of the step journal.
	 *
	 * @param sequence the step's position
	 * @param name the step's name
	 * @param state its state
	 */
	record JournalRow(int sequence, String name, String state) {

		boolean completed() {
			return this.state.equals("COMPLETED");
		}

	}

}
