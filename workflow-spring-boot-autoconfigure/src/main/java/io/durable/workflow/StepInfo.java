package io.durable.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a workflow run, as journaled.
 *
 * @param sequence the step's position in the workflow, from 0
 * @param name the step name
 * @param state the step's state
 * @param attempts how many times the step ran: an attempt a crash cut off counts once it was
 * journaled as running ({@code workflow.journal.attempt-start-delay})
 * @param startedAt when the step's first attempt started (for a scheduled step not run yet: when it
 * was scheduled)
 * @param finishedAt when it finished, or {@code null} while running or waiting
 * @param wakeAt when a {@link StepState#WAITING} step runs (its next attempt, its scheduled time,
 * or the end of a sleep), otherwise {@code null}
 * @param result the journaled return value as JSON, or {@code null}
 * @param error the error of the last failed attempt (kept once a retry succeeds), or {@code null}
 */
public record StepInfo(int sequence, String name, StepState state, int attempts, Instant startedAt,
		@Nullable Instant finishedAt, @Nullable Instant wakeAt, @Nullable String result, @Nullable String error) {
}
