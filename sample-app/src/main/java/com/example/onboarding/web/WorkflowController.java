package com.example.onboarding.web;

import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.ListQuery;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One workflow, through the {@link WorkflowClient}: {@code GET /api/workflows/{id}} shows
 * its status, its result or error, its parent and children, and its steps; the id of a
 * child workflow holds a slash ({@code <parent id>/<position>}), which the path takes as
 * it is. {@code POST /api/workflows/{id}/cancel} cancels it (a finished one stays as it
 * is) and shows it.
 */
@RestController
class WorkflowController {

	private static final int PAGE_SIZE = 100;

	private final WorkflowClient workflows;

	WorkflowController(WorkflowClient workflows) {
		this.workflows = workflows;
	}

	/**
	 * {@code id} is the rest of the path after {@code /api/workflows}, with its leading
	 * slash.
	 */
	@GetMapping("/api/workflows/{*id}")
	WorkflowView get(@PathVariable String id) {
		return view(WorkflowIds.parse(id.substring(1)));
	}

	@PostMapping("/api/workflows/{id}/cancel")
	WorkflowView cancel(@PathVariable String id) {
		WorkflowId workflowId = WorkflowIds.parse(id);
		this.workflows.cancel(workflowId);
		return view(workflowId);
	}

	private WorkflowView view(WorkflowId id) {
		// Status before steps: a running step that finishes in between shows as
		// journaled, not missing.
		WorkflowStatus status = this.workflows.status(id);
		WorkflowId parent = this.workflows.describe(id).parent();
		return WorkflowView.of(id, parent, status, journaledSteps(id));
	}

	private List<StepInfo> journaledSteps(WorkflowId id) {
		List<StepInfo> steps = new ArrayList<>();
		ListQuery query = ListQuery.first(PAGE_SIZE);
		WorkflowPage<StepInfo> page;
		do {
			page = this.workflows.listSteps(id, query);
			steps.addAll(page.items());
			query = query.after(page.nextCursor());
		}
		while (page.hasNext());
		return steps;
	}

}
