package com.example.onboarding.workflow;

import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

/**
 * Refines generated content: a critique, then a rewrite. A workflow of its own, which the
 * onboarding runs as a child workflow by calling {@link #refine} from its code: the child
 * gets the id {@code <onboarding id>/<position>} and a journal of its own, and the
 * onboarding waits for its result without holding a thread.
 */
@Component
public class ContentRefinementWorkflow {

	private final ContentRevisionSteps revisions;

	public ContentRefinementWorkflow(ContentRevisionSteps revisions) {
		this.revisions = revisions;
	}

	/**
	 * Refines a draft.
	 * @param userId the user the text is for
	 * @param draft the generated text
	 * @return the refined text
	 */
	@Workflow(name = "refineContent")
	public String refine(String userId, String draft) {
		String critique = this.revisions.critiqueDraft(userId, draft);
		return this.revisions.rewriteDraft(userId, draft, critique);
	}

}
