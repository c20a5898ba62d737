package io.durable.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a workflow run, as journaled.
 *
 * @param sequence the step's position in the workflow, from 0
 * @param name the step name
 * @param state the step's state
 * @param attempts how many times the step ran: an attempt a crash cut off counts once it
 * was journaled as running ({@code workflow.journal.attempt-start-delay})
 * @param startedAt when the step's first attempt started (for a scheduled step not run
 * yet: when it was scheduled)
 * @param finishedAt when it finished, or {@code null} while running or waiting
 * @param wakeAt when a {@link StepState#WAITING} step runs (its next attempt, its
 * scheduled time, or the end of a sleep), otherwise {@code null}
 * @param result the journaled return value as JSON, or {@code null}
 * @param error the error of the last failed attempt (kept once a retry succeeds), or
 * {@code null}
 */
public record StepInfo(int sequence, String name, StepState state, int attempts, Instant startedAt,
		@Nullable Instant finishedAt, @Nullable Instant wakeAt, @Nullable String result, @Nullable String error) {

	/**
	 * The name of the step a {@link Workflows#sleep} or {@link Workflows#sleepUntil}
	 * journals.
	 */
	public static final String SLEEP = "Workflows.sleep";

	/** The name of the step a {@link Workflows#now} journals. */
	public static final String NOW = "Workflows.now";

	/**
	 * What the name of an event wait starts with: {@code awaitEvent:<event name>}, or
	 * {@code awaitEvent:#<event id>} for an event created with
	 * {@link WorkflowClient#createEvent}.
	 */
	public static final String EVENT_WAIT_PREFIX = "awaitEvent:";

	/**
	 * What the name of the marker {@link Workflows#patched} journals starts with:
	 * {@code patch:<patch id>}.
	 */
	public static final String PATCH_PREFIX = "patch:";

	/**
	 * What the name of a child workflow's step starts with:
	 * {@code child:<workflow name>}.
	 */
	public static final String CHILD_PREFIX = "child:";

	/**
	 * The name of the step that waits for an event of this name.
	 * @param eventName the event's name
	 * @return the step name
	 */
	public static String eventWait(String eventName) {
		return EVENT_WAIT_PREFIX + eventName;
	}

	/**
	 * The name of the step that waits for the event created under this id.
	 * @param id the event's id
	 * @return the step name
	 */
	public static String eventWait(EventId id) {
		return EVENT_WAIT_PREFIX + "#" + id.value();
	}

	/**
	 * The name of the step that runs a child workflow.
	 * @param workflowName the child's workflow name
	 * @return the step name
	 */
	public static String child(String workflowName) {
		return CHILD_PREFIX + workflowName;
	}

	/**
	 * The event this step waits for.
	 * @return the event's name (or {@code #} and its id, for a created event), or
	 * {@code null} if this step is no event wait
	 */
	public @Nullable String awaitedEvent() {
		return this.name.startsWith(EVENT_WAIT_PREFIX) ? this.name.substring(EVENT_WAIT_PREFIX.length()) : null;
	}

}
