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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/workflows/{id}}: a workflow's status, its result or error, and its steps, read
 * through the {@link WorkflowClient}.
 */
@RestController
class WorkflowController {

	private static final int PAGE_SIZE = 100;

	private final WorkflowClient workflows;

	WorkflowController(WorkflowClient workflows) {
		this.workflows = workflows;
	}

	@GetMapping("/api/workflows/{id}")
	WorkflowView get(@PathVariable String id) {
		WorkflowId workflowId = parse(id);
		// Status before steps: a running step that finishes in between shows as journaled, not missing.
		WorkflowStatus status = this.workflows.status(workflowId);
		return WorkflowView.of(workflowId, status, journaledSteps(workflowId));
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

	private static WorkflowId parse(String id) {
		try {
			return WorkflowId.of(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

}
