package io.durable.workflow.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The engine's time, read from the application's {@code workflowClock}, to the
 * microsecond the journal stores (so that what is shown while running stays what is
 * stored).
 */
public final class EngineClock {

	private final Clock clock;

	public EngineClock(Clock clock) {
		this.clock = clock;
	}

	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	Clock clock() {
		return this.clock;
	}

}
