package com.example.onboarding.workflow;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@link ContentRefinementWorkflow}: stand-ins for a reviewer's critique
 * and a rewrite, which give the same answers for every draft; plain steps (at least
 * once). Every execution is logged in {@code content_revision}, under the refinement
 * workflow's id, before the step delay, which is also how executions are counted.
 */
@Component
public class ContentRevisionSteps {

	private static final String CRITIQUE = "Close with a call to action.";

	private static final String CALL_TO_ACTION = "Start today!";

	private final JdbcClient jdbc;

	private final StepDelay delay;

	public ContentRevisionSteps(JdbcClient jdbc, StepDelay delay) {
		this.jdbc = jdbc;
		this.delay = delay;
	}

	/**
	 * Reviews a draft.
	 * @param userId the user the text is for
	 * @param draft the text to review
	 * @return what to change
	 */
	@Step(name = "critiqueDraft")
	public String critiqueDraft(String userId, String draft) {
		log(userId, "critiqueDraft", CRITIQUE);
		return CRITIQUE;
	}

	/**
	 * Rewrites a draft as its critique asks.
	 * @param userId the user the text is for
	 * @param draft the text to rewrite
	 * @param critique what to change
	 * @return the rewritten text: the draft with a call to action
	 */
	@Step(name = "rewriteDraft")
	public String rewriteDraft(String userId, String draft, String critique) {
		String text = draft + " " + CALL_TO_ACTION;
		log(userId, "rewriteDraft", text);
		return text;
	}

	private void log(String userId, String step, String content) {
		this.jdbc
			.sql("INSERT INTO content_revision (workflow_id, user_id, step, content)"
					+ " VALUES (:workflowId, :userId, :step, :content)")
			.param("workflowId", Workflows.workflowId().value())
			.param("userId", userId)
			.param("step", step)
			.param("content", content)
			.update();
		this.delay.pause();
	}

}
