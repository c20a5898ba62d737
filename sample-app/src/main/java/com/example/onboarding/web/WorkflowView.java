package com.example.onboarding.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;

/**
 * The JSON body of {@code GET /api/workflows/{id}}.
 *
 * @param workflowId the workflow's id
 * @param status {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED} or {@code CANCELED}
 * @param result the workflow's return value, once completed
 * @param error the workflow's error, once failed
 * @param steps the journaled steps in order, then the step running now on this node, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WorkflowView(String workflowId, WorkflowState status, Object result, String error, List<StepView> steps) {

	static WorkflowView of(WorkflowId id, WorkflowStatus status, List<StepInfo> journaled) {
		Object result = (status instanceof WorkflowStatus.Completed completed) ? completed.value() : null;
		String error = (status instanceof WorkflowStatus.Failed failed) ? failed.error() : null;
		List<StepInfo> running = (status instanceof WorkflowStatus.InProgress inProgress) ? inProgress.running()
				: List.of();
		return new WorkflowView(id.value(), status.state(), result, error, steps(journaled, running));
	}

	private static List<StepView> steps(List<StepInfo> journaled, List<StepInfo> running) {
		Set<Integer> recorded = journaled.stream().map(StepInfo::sequence).collect(Collectors.toSet());
		List<StepView> steps = new ArrayList<>();
		journaled.forEach((step) -> steps.add(StepView.of(step)));
		running.stream()
			.filter((step) -> !recorded.contains(step.sequence()))
			.forEach((step) -> steps.add(StepView.of(step)));
		return steps;
	}

}
