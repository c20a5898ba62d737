package com.example.onboarding.web;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;

/**
 * One step in {@link WorkflowView}: the journal entry as the {@code WorkflowClient} lists
 * it, with the journaled result embedded as JSON.
 *
 * @param name the step name
 * @param sequence the step's position in the workflow, from 0
 * @param state {@code RUNNING}; {@code WAITING} for its time (a {@code runAfter} step, or
 * a failed attempt waiting for its retry); {@code COMPLETED}; or {@code FAILED} once out
 * of attempts
 * @param attempts how many times the step ran (so far)
 * @param startedAt when the step's first attempt started (or, while it waits for its
 * first run, when it was scheduled)
 * @param finishedAt when it finished, {@code null} while running or waiting
 * @param wakeAt when a waiting step runs (its next attempt, or its scheduled time)
 * @param result the step's return value, {@code null} until completed or for {@code void}
 * steps
 * @param error the error of the step's last failed attempt, as {@code type: message}
 */
record StepView(String name, int sequence, StepState state, int attempts, Instant startedAt, Instant finishedAt,
		Instant wakeAt, @JsonRawValue String result, String error) {

	static StepView of(StepInfo step) {
		return new StepView(step.name(), step.sequence(), step.state(), step.attempts(), step.startedAt(),
				step.finishedAt(), step.wakeAt(), step.result(), step.error());
	}

}
