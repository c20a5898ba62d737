package io.durable.workflow.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.WorkflowId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The test clock on its own: how it moves, and what it tells the engines that follow it.
 */
class WorkflowTestClockTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void theEngineRenewsItsLeasesBeforeTheClockShowsTheNewTimeAndWakesWorkAfter() {
		WorkflowTestClock clock = new WorkflowTestClock(START);
		List<String> seen = new ArrayList<>();
		clock.attach(new WorkflowTestClock.Participant() {

			@Override
			public void timeMoving(Instant time) {
				seen.add("moving to " + time + " while showing " + clock.instant());
			}

			@Override
			public void timeMoved() {
				seen.add("moved to " + clock.instant());
			}

			@Override
			public boolean isWaiting(WorkflowId id) {
				return true;
			}

		});

		clock.advance(Duration.ofDays(1));

		assertThat(seen).containsExactly("moving to 2026-01-02T00:00:00Z while showing 2026-01-01T00:00:00Z",
				"moved to 2026-01-02T00:00:00Z");
	}

	@Test
	void timeOnlyMovesForward() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkflowTestClock(START).advance(Duration.ofSeconds(-1)))
			.withMessage("Time only moves forward, got PT-1S");
	}

	@Test
	void withoutAnEngineWaitingForARunSaysHowToDeclareTheClock() {
		assertThatIllegalStateException().isThrownBy(() -> new WorkflowTestClock().awaitWaiting(WorkflowId.of("a")))
			.withMessage("No workflow engine uses this clock: declare it as the bean named 'workflowClock'");
	}

}
