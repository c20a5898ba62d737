package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.test.WorkflowTestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes of runs finished on this node reach the callers waiting for them, and are
 * remembered for those who ask later: for a minute, up to 4,096 of them, small return
 * values only, until the run is cleaned up or claimed here again.
 */
class CompletionSignalsTests {

	private static final RunOutcome DONE = new RunOutcome(WorkflowState.COMPLETED, "42", null);

	private static final Predicate<String> NOT_HELD = (id) -> false;

	private final WorkflowTestClock clock = new WorkflowTestClock(Instant.parse("2026-12-04T10:00:00Z"));

	private final CompletionSignals signals = new CompletionSignals(new EngineClock(this.clock));

	@Test
	void aFinishedRunReachesItsWaitingCallersAndIsRememberedForAMinute() {
		CompletableFuture<RunOutcome> waiting = this.signals.watch("run");

		this.signals.finished("run", DONE, NOT_HELD);

		assertThat(waiting).isCompletedWithValue(DONE);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.signals.recent("run")).isEqualTo(DONE);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.signals.recent("run")).isNull();
	}

	@Test
	void aCanceledRunOnlyReachesItsWaitingCallers() {
		CompletableFuture<RunOutcome> waiting = this.signals.watch("run");
		RunOutcome canceled = new RunOutcome(WorkflowState.CANCELED, null, null);

		this.signals.signal("run", canceled);

		assertThat(waiting).isCompletedWithValue(canceled);
		assertThat(this.signals.recent("run")).as("only the outcomes of runs that finished here are kept").isNull();
	}

	@Test
	void anOutcomeIsNotKeptOnceARunOfItsIdIsHeldHereAgain() {
		CompletableFuture<RunOutcome> waiting = this.signals.watch("run");

		this.signals.finished("run", DONE, (id) -> id.equals("run"));

		assertThat(waiting).isCompletedWithValue(DONE);
		assertThat(this.signals.recent("run")).as("cleaned up and started anew: in progress").isNull();
	}

	@Test
	void aForgottenRunIsReadFromTheJournalAgain() {
		this.signals.finished("run", DONE, NOT_HELD);

		this.signals.forget("run");

		assertThat(this.signals.recent("run")).isNull();
	}

	@Test
	void theOldestOutcomesAndLargeReturnValuesAreNotKept() {
		for (int i = 0; i <= 4096; i++) {
			this.signals.finished("run-" + i, DONE, NOT_HELD);
		}
		this.signals.finished("large", new RunOutcome(WorkflowState.COMPLETED, "1".repeat(4097), null), NOT_HELD);

		assertThat(this.signals.recent("run-0")).isNull();
		assertThat(this.signals.recent("run-1")).isEqualTo(DONE);
		assertThat(this.signals.recent("run-4096")).isEqualTo(DONE);
		assertThat(this.signals.recent("large")).isNull();
	}

}
