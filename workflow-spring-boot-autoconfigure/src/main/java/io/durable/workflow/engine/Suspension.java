package io.durable.workflow.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Unwinds a workflow turn that must wait: until a time, until its parallel steps finish, or (an
 * external wait) until something from outside this node arrives, such as an event. The run
 * continues later in a new turn, replayed from its journal. An {@link Error}, so that workflow
 * code catching {@code Exception} cannot swallow it.
 */
final class Suspension extends Error {

	private static final long serialVersionUID = 1L;

	private final @Nullable Instant wakeAt;

	private final boolean external;

	Suspension(@Nullable Instant wakeAt) {
		this(wakeAt, false);
	}

	Suspension(@Nullable Instant wakeAt, boolean external) {
		super(null, null, false, false);
		this.wakeAt = wakeAt;
		this.external = external;
	}

	/** Whether the run waits for something from outside this node (then {@link #wakeAt()} is a deadline). */
	boolean external() {
		return this.external;
	}

	/**
	 * When to continue, or {@code null} once the parallel steps in flight have finished (or, for
	 * an external wait, when what it waits for arrives).
	 */
	@Nullable Instant wakeAt() {
		return this.wakeAt;
	}

}
