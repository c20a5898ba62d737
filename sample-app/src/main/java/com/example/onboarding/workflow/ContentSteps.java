package com.example.onboarding.workflow;

import java.util.List;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A stand-in for a call to a language model: a plain step (at least once) whose result is
 * journaled, so a resumed workflow reuses the generated text instead of paying for it again.
 * Every generation is logged in {@code generated_content} before the step delay.
 */
@Component
public class ContentSteps {

	private static final List<String> FIRST_TASKS = List.of("completing your profile", "inviting your team",
			"creating your first project");

	private final JdbcClient jdbc;

	private final StepDelay delay;

	public ContentSteps(JdbcClient jdbc, StepDelay delay) {
		this.jdbc = jdbc;
		this.delay = delay;
	}

	/**
	 * Generates onboarding tips for the user: the same text for the same user every time.
	 * @param userId the user
	 * @return the generated text
	 */
	@Step(name = "generateCustomContent")
	public String generateCustomContent(String userId) {
		String task = FIRST_TASKS.get(Math.floorMod(userId.hashCode(), FIRST_TASKS.size()));
		String text = "Hi " + userId + ", a good way to start is " + task + ".";
		this.jdbc
			.sql("INSERT INTO generated_content (workflow_id, user_id, content) VALUES (:workflowId, :userId, :text)")
			.param("workflowId", Workflows.workflowId().value())
			.param("userId", userId)
			.param("text", text)
			.update();
		this.delay.pause();
		return text;
	}

}
