package com.example.onboarding.web;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowSummary;

/**
 * One workflow in {@link WorkflowListView}.
 *
 * @param workflowId the workflow's id, for {@code GET /api/workflows/{id}}
 * @param name the workflow's name: {@code userOnboarding}, or {@code refineContent} for
 * the child workflow that refines an onboarding's content
 * @param status {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED} or
 * {@code CANCELED}
 * @param parent the id of the workflow that started this one as a child workflow, if it
 * is one
 * @param createdAt when it was started
 * @param finishedAt when it finished, if it has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WorkflowSummaryView(String workflowId, String name, WorkflowState status, String parent, Instant createdAt,
		Instant finishedAt) {

	static WorkflowSummaryView of(WorkflowSummary summary) {
		return new WorkflowSummaryView(summary.id().value(), summary.name(), summary.state(),
				(summary.parent() != null) ? summary.parent().value() : null, summary.createdAt(),
				summary.finishedAt());
	}

}
