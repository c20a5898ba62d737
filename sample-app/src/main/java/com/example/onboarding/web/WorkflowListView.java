package com.example.onboarding.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowSummary;

/**
 * The JSON body of {@code GET /api/workflows}: one page of workflows, newest first.
 *
 * @param items the workflows of this page
 * @param nextCursor the {@code cursor} parameter that fetches the next page; absent on
 * the last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WorkflowListView(List<WorkflowSummaryView> items, String nextCursor) {

	static WorkflowListView of(WorkflowPage<WorkflowSummary> page) {
		return new WorkflowListView(page.items().stream().map(WorkflowSummaryView::of).toList(), page.nextCursor());
	}

}
