package com.example.onboarding.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How {@link WorkflowView} lays the steps running on this node over the journaled ones.
 */
class WorkflowViewTests {

	private static final WorkflowId ID = WorkflowId.of("run-1");

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final String OVERLOADED = "ModelOverloadedException: overloaded";

	@Test
	void aRunningStepWithoutAnEntryTakesItsPlaceInCallOrder() {
		StepInfo verification = completed(0, "sendVerificationEmail");
		StepInfo profile = completed(2, "lookUpCrmProfile");
		StepInfo content = running(1, "generateCustomContent", 1);

		WorkflowView view = WorkflowView.of(ID, null, inProgress(List.of(content), List.of()),
				List.of(verification, profile));

		assertThat(view.status()).isEqualTo(WorkflowState.IN_PROGRESS);
		assertThat(view.steps()).extracting(StepView::sequence, StepView::name, StepView::state)
			.containsExactly(tuple(0, "sendVerificationEmail", StepState.COMPLETED),
					tuple(1, "generateCustomContent", StepState.RUNNING),
					tuple(2, "lookUpCrmProfile", StepState.COMPLETED));
	}

	@Test
	void aWaitingStepWhoseNextAttemptRunsShowsRunningWithTheLastError() {
		StepInfo waiting = new StepInfo(1, "generateCustomContent", StepState.WAITING, 1, T0, null, T0.plusSeconds(1),
				null, OVERLOADED);
		StepInfo retry = running(1, "generateCustomContent", 2);

		WorkflowView view = WorkflowView.of(ID, null, inProgress(List.of(retry), List.of()),
				List.of(completed(0, "sendVerificationEmail"), waiting));

		StepView content = view.steps().get(1);
		assertThat(content.state()).isEqualTo(StepState.RUNNING);
		assertThat(content.attempts()).isEqualTo(2);
		assertThat(content.startedAt()).as("the start of the first attempt").isEqualTo(waiting.startedAt());
		assertThat(content.finishedAt()).isNull();
		assertThat(content.error()).isEqualTo(OVERLOADED);
	}

	@Test
	void aJournaledOutcomeWinsOverAnAttemptThatHasEnded() {
		StepInfo waitingAgain = new StepInfo(1, "generateCustomContent", StepState.WAITING, 2, T0, null,
				T0.plusSeconds(2), null, OVERLOADED);
		StepInfo completed = completed(3, "createWelcomeMessage");

		WorkflowView view = WorkflowView.of(ID, null,
				inProgress(List.of(running(1, "generateCustomContent", 2), running(3, "createWelcomeMessage", 1)),
						List.of()),
				List.of(waitingAgain, completed));

		assertThat(view.steps()).extracting(StepView::state, StepView::attempts)
			.containsExactly(tuple(StepState.WAITING, 2), tuple(StepState.COMPLETED, 1));
	}

	@Test
	void aCompletedWorkflowShowsItsResultAndJournal() {
		WorkflowView view = WorkflowView.of(ID, null, new WorkflowStatus.Completed("Welcome aboard!"),
				List.of(completed(0, "sendVerificationEmail")));

		assertThat(view.result()).isEqualTo("Welcome aboard!");
		assertThat(view.error()).isNull();
		assertThat(view.children()).as("shown only in progress").isNull();
		assertThat(view.steps()).extracting(StepView::state).containsExactly(StepState.COMPLETED);
	}

	@Test
	void aWorkflowInProgressShowsItsChildrenAndAChildItsParent() {
		WorkflowView parent = WorkflowView.of(ID, null, inProgress(List.of(), List.of(WorkflowId.of("run-1/4"))),
				List.of());
		WorkflowView child = WorkflowView.of(WorkflowId.of("run-1/4"), ID,
				new WorkflowStatus.Canceled(Optional.empty()), List.of());

		assertThat(parent.parent()).isNull();
		assertThat(parent.children()).containsExactly("run-1/4");
		assertThat(child.parent()).isEqualTo("run-1");
		assertThat(child.children()).isNull();
		assertThat(child.status()).isEqualTo(WorkflowState.CANCELED);
	}

	private static StepInfo completed(int sequence, String name) {
		return new StepInfo(sequence, name, StepState.COMPLETED, 1, T0, T0.plusMillis(10), null, null, null);
	}

	private static StepInfo running(int sequence, String name, int attempt) {
		return new StepInfo(sequence, name, StepState.RUNNING, attempt, T0.plusSeconds(attempt), null, null, null,
				null);
	}

	private static WorkflowStatus.InProgress inProgress(List<StepInfo> running, List<WorkflowId> children) {
		return new WorkflowStatus.InProgress(running, children, Optional.empty(), Map.of());
	}

}
