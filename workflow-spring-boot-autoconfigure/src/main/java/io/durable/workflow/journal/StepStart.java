package io.durable.workflow.journal;

import java.time.Instant;

/**
 * A step attempt that has started, to journal as running.
 *
 * @param runId the workflow id
 * @param sequence the step's position
 * @param name the step name
 * @param attempt the attempt's number
 * @param startedAt when it started
 * @param journaledAttempts the attempts the step's row records, or {@code -1} if it has
 * none
 */
public record StepStart(String runId, int sequence, String name, int attempt, Instant startedAt,
		int journaledAttempts) {
}
