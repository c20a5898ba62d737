package com.example.onboarding.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;

/**
 * The JSON body of {@code GET /api/workflows/{id}}.
 *
 * @param workflowId the workflow's id
 * @param status {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED} or
 * {@code CANCELED}
 * @param parent the id of the workflow that started this one as a child workflow, if it
 * is one
 * @param children the ids of its child workflows in progress, while it is in progress
 * itself
 * @param result the workflow's return value, once completed
 * @param error the workflow's error, once failed
 * @param steps the workflow's steps in journal order (the order of the calls), as
 * journaled, but those running now on this node shown running
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WorkflowView(String workflowId, WorkflowState status, String parent, List<String> children, Object result,
		String error, List<StepView> steps) {

	/**
	 * The view of a workflow; {@code parent} is {@code null} unless it is a child
	 * workflow.
	 */
	static WorkflowView of(WorkflowId id, WorkflowId parent, WorkflowStatus status, List<StepInfo> journaled) {
		Object result = (status instanceof WorkflowStatus.Completed completed) ? completed.value() : null;
		String error = (status instanceof WorkflowStatus.Failed failed) ? failed.error() : null;
		List<String> children = null;
		List<StepInfo> running = List.of();
		if (status instanceof WorkflowStatus.InProgress inProgress) {
			children = inProgress.children().stream().map(WorkflowId::value).toList();
			running = inProgress.running();
		}
		return new WorkflowView(id.value(), status.state(), (parent != null) ? parent.value() : null, children, result,
				error, steps(journaled, running));
	}

	/**
	 * The journaled steps, with those running now on this node laid over them: a step
	 * with no entry yet (parallel steps finish in any order, so it may come before a
	 * journaled one), or a waiting step whose next attempt has begun (shown running, with
	 * the last attempt's error).
	 */
	private static List<StepView> steps(List<StepInfo> journaled, List<StepInfo> running) {
		Map<Integer, StepInfo> runningBySequence = running.stream()
			.collect(Collectors.toMap(StepInfo::sequence, Function.identity(), (first, second) -> second));
		List<StepInfo> steps = new ArrayList<>();
		for (StepInfo step : journaled) {
			StepInfo now = runningBySequence.remove(step.sequence());
			steps.add((now != null && step.state() == StepState.WAITING && now.attempts() > step.attempts())
					? new StepInfo(now.sequence(), now.name(), now.state(), now.attempts(), step.startedAt(), null,
							null, null, step.error())
					: step);
		}
		steps.addAll(runningBySequence.values());
		return steps.stream().sorted(Comparator.comparingInt(StepInfo::sequence)).map(StepView::of).toList();
	}

}
