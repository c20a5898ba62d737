package com.example.onboarding.workflow;

import java.util.List;

import com.example.onboarding.SampleProperties;
import io.durable.workflow.Retry;
import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A stand-in for a call to a language model: a plain step (at least once) whose result is
 * journaled, so a resumed workflow reuses the generated text instead of paying for it
 * again. Like a busy model it fails transiently: the first
 * {@code sample.content-failures} attempts of every workflow throw
 * {@link ModelOverloadedException}, and the step is retried with the default policy (5
 * attempts, backoff from {@code workflow.workflows.userOnboarding.retry.initial-backoff},
 * else {@code workflow.retry.initial-backoff}). Every attempt is logged in
 * {@code generated_content} first, which is also how attempts are counted. The text comes
 * as a {@link Draft}, marked for refinement when {@code sample.refine-content} is set.
 */
@Component
public class ContentSteps {

	private static final List<String> FIRST_TASKS = List.of("completing your profile", "inviting your team",
			"creating your first project");

	private final JdbcClient jdbc;

	private final StepDelay delay;

	private final int failures;

	private final boolean refine;

	public ContentSteps(JdbcClient jdbc, StepDelay delay, SampleProperties properties) {
		this.jdbc = jdbc;
		this.delay = delay;
		this.failures = properties.contentFailures();
		this.refine = properties.refineContent();
	}

	/**
	 * Generates onboarding tips for the user: the same text for the same user every time,
	 * once the model is no longer overloaded.
	 * @param userId the user
	 * @return the generated text, to be refined if {@code sample.refine-content} is set
	 * @throws ModelOverloadedException on the first {@code sample.content-failures}
	 * attempts
	 */
	@Step(name = "generateCustomContent", retry = @Retry)
	public Draft generateCustomContent(String userId) {
		String workflowId = Workflows.workflowId().value();
		String task = FIRST_TASKS.get(Math.floorMod(userId.hashCode(), FIRST_TASKS.size()));
		String text = "Hi " + userId + ", a good way to start is " + task + ".";
		this.jdbc
			.sql("INSERT INTO generated_content (workflow_id, user_id, content) VALUES (:workflowId, :userId, :text)")
			.param("workflowId", workflowId)
			.param("userId", userId)
			.param("text", text)
			.update();
		int attempt = this.jdbc.sql("SELECT COUNT(*) FROM generated_content WHERE workflow_id = ?")
			.param(workflowId)
			.query(Integer.class)
			.single();
		this.delay.pause();
		if (attempt <= this.failures) {
			throw new ModelOverloadedException(
					"The language model is overloaded (attempt " + attempt + " for this workflow), try again later");
		}
		return new Draft(text, this.refine);
	}

}
