package io.durable.workflow.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Unwinds a workflow turn that must wait: until a time, or until its parallel steps finish. The
 * run continues later in a new turn, replayed from its journal. An {@link Error}, so that
 * workflow code catching {@code Exception} cannot swallow it.
 */
final class Suspension extends Error {

	private static final long serialVersionUID = 1L;

	private final @Nullable Instant wakeAt;

	Suspension(@Nullable Instant wakeAt) {
		super(null, null, false, false);
		this.wakeAt = wakeAt;
	}

	/** When to continue, or {@code null} once the parallel steps in flight have finished. */
	@Nullable Instant wakeAt() {
		return this.wakeAt;
	}

}
