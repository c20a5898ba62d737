package com.example.onboarding;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durable.workflow.StepInfo;

import org.springframework.jdbc.core.simple.JdbcClient;

import static java.util.Map.entry;

/**
 * What onboarding workflows left in the database, read with plain SQL: how many times
 * each step really executed (the rows its side effect wrote), the verification code sent,
 * the recorded outcome, the journal, and the run's state.
 */
final class OnboardingDatabase {

	/** The journal entry of a {@code Workflows.now()} call. */
	static final String NOW = StepInfo.NOW;

	/**
	 * The entries of an onboarding's journal in the order the workflow calls them, which
	 * is their journal order, when the first code it receives is right: the
	 * verification's deadline ({@code Workflows.now}) at position 1, the wait for the
	 * code at 2 and its check at 3, the content generation and the profile lookup in
	 * parallel at positions 4 and 5, and the refinement child workflow at 6.
	 */
	static final List<String> STEPS = List.of("sendVerificationEmail", NOW, OnboardingApi.VERIFICATION_WAIT,
			OnboardingApi.VERIFICATION_CHECK, "generateCustomContent", "lookUpCrmProfile",
			StepInfo.child("refineContent"), "createWelcomeMessage", "sendFollowUpEmail");

	/** The steps of the refinement child workflow, in journal order. */
	static final List<String> REFINEMENT_STEPS = List.of("critiqueDraft", "rewriteDraft");

	/**
	 * What counts the executions of each journal entry, by its run's id: the journaled
	 * time, which has no side effect, counts its journal entries; the wait for the code
	 * counts the events sent (none is stored for a code the API rejects), and the child
	 * workflow entry counts the child runs (its own steps are counted under its id).
	 */
	private static final Map<String, String> EXECUTIONS = Map.ofEntries(
			entry("sendVerificationEmail",
					"SELECT COUNT(*) FROM outbox_email WHERE workflow_id = ? AND kind = 'VERIFICATION'"),
			entry(NOW, "SELECT COUNT(*) FROM workflow_step WHERE run_id = ? AND name = '" + NOW + "'"),
			entry(OnboardingApi.VERIFICATION_WAIT,
					"SELECT COUNT(*) FROM workflow_event WHERE run_id = ? AND name = 'emailVerification'"),
			entry(OnboardingApi.VERIFICATION_CHECK, "SELECT COUNT(*) FROM verification_check WHERE workflow_id = ?"),
			entry("generateCustomContent", "SELECT COUNT(*) FROM generated_content WHERE workflow_id = ?"),
			entry("lookUpCrmProfile", "SELECT COUNT(*) FROM profile_lookup WHERE workflow_id = ?"),
			entry(StepInfo.child("refineContent"), "SELECT COUNT(*) FROM workflow_run WHERE parent_id = ?"),
			entry("critiqueDraft",
					"SELECT COUNT(*) FROM content_revision WHERE workflow_id = ? AND step = 'critiqueDraft'"),
			entry("rewriteDraft",
					"SELECT COUNT(*) FROM content_revision WHERE workflow_id = ? AND step = 'rewriteDraft'"),
			entry("createWelcomeMessage", "SELECT COUNT(*) FROM welcome_message WHERE workflow_id = ?"),
			entry("sendFollowUpEmail",
					"SELECT COUNT(*) FROM outbox_email WHERE workflow_id = ? AND kind = 'FOLLOW_UP'"));

	private final JdbcClient jdbc;

	OnboardingDatabase(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many times a journal entry of the workflow executed, counted by its side
	 * effect; for {@code generateCustomContent}, every attempt counts.
	 */
	int executions(String workflowId, String step) {
		return this.jdbc.sql(EXECUTIONS.get(step)).param(workflowId).query(Integer.class).single();
	}

	/**
	 * The code of the onboarding's verification email, which must have been sent once.
	 */
	String verificationCode(String workflowId) {
		return this.jdbc.sql("SELECT code FROM outbox_email WHERE workflow_id = ? AND kind = 'VERIFICATION'")
			.param(workflowId)
			.query(String.class)
			.single();
	}

	/** How many onboarding workflows exist, however started. */
	int onboardings() {
		return this.jdbc.sql("SELECT COUNT(*) FROM workflow_run WHERE name = 'userOnboarding'")
			.query(Integer.class)
			.single();
	}

	/** How many onboardings the API started for the user. */
	int requestsOf(String userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM onboarding_request WHERE user_id = ?")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	/** The outcomes the completion handler recorded for the workflow. */
	List<Outcome> outcomes(String workflowId) {
		return this.jdbc.sql("SELECT user_id, state, detail FROM onboarding_outcome WHERE workflow_id = ?")
			.param(workflowId)
			.query((row, number) -> new Outcome(row.getString("user_id"), row.getString("state"),
					row.getString("detail")))
			.list();
	}

	/** The id of the workflow's one child workflow. */
	String child(String workflowId) {
		return this.jdbc.sql("SELECT id FROM workflow_run WHERE parent_id = ?")
			.param(workflowId)
			.query(String.class)
			.single();
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
	 * When the run finished, if it has.
	 */
	Optional<Instant> finishedAt(String workflowId) {
		return this.jdbc.sql("SELECT finished_at FROM workflow_run WHERE id = ? AND finished_at IS NOT NULL")
			.param(workflowId)
			.query((row, number) -> row.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
	}

	/**
	 * What the journal holds of a run's progress, and of the nodes announced alive, for a
	 * test's failure message.
	 */
	String describeRun(String workflowId) {
		return this.jdbc.sql("SELECT state, owner, due_at, parent_id FROM workflow_run WHERE id = ?")
			.param(workflowId)
			.query((row, number) -> workflowId + ": state " + row.getString(1) + ", owner " + row.getString(2)
					+ ", due at " + row.getString(3) + ", parent " + row.getString(4))
			.optional()
			.orElse(workflowId + ": no row") + ", journal " + journal(workflowId) + ", nodes announced "
				+ this.jdbc.sql("SELECT node_id FROM workflow_node").query(String.class).list();
	}

	/**
	 * One row of {@code onboarding_outcome}.
	 *
	 * @param userId the user onboarded
	 * @param state how the onboarding ended
	 * @param detail the welcome message, the error, or {@code null}
	 */
	record Outcome(String userId, String state, String detail) {
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
