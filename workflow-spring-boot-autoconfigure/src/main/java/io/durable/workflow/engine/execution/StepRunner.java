package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.durable.workflow.RetryPolicy;
import io.durable.workflow.StepFailedException;
import io.durable.workflow.StepState;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.RetrySettings;
import io.durable.workflow.engine.definition.StepBody;
import io.durable.workflow.engine.definition.StepDefinition;
import io.durable.workflow.engine.dispatch.LeaseKeeper;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.engine.observation.WorkflowObservations;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.StepRecord;
import io.durable.workflow.journal.StepStart;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives one step at one journal position: returns a journaled outcome without running
 * the step, or runs it (attempt after attempt, per its retry policy) and journals the
 * outcome. A success is one statement: an insert, or the update of the step's waiting
 * row. Waits up to the inline threshold (short backoffs, near {@code runAt} times) hold
 * the thread; longer ones are returned as {@link StepOutcome.Waiting} for the caller to
 * suspend on.
 */
public final class StepRunner {

	private static final Log logger = LogFactory.getLog(StepRunner.class);

	private static final int MAX_ERROR_LENGTH = 8000;

	private final Journal journal;

	private final JournalWriter writer;

	private final PayloadCodec codec;

	private final TransactionTemplate stepTransactions;

	private final EngineClock clock;

	private final LeaseKeeper leases;

	private final RetrySettings retries;

	private final Duration inlineWait;

	private final RunEvents events;

	private final WorkflowObservations observations;

	private final StepStarts starts;

	public StepRunner(Journal journal, JournalWriter writer, PayloadCodec codec, TransactionTemplate stepTransactions,
			EngineClock clock, LeaseKeeper leases, RetrySettings retries, Duration inlineWait, RunEvents events,
			WorkflowObservations observations, StepStarts starts) {
		this.journal = journal;
		this.writer = writer;
		this.codec = codec;
		this.stepTransactions = stepTransactions;
		this.clock = clock;
		this.leases = leases;
		this.retries = retries;
		this.inlineWait = inlineWait;
		this.events = events;
		this.observations = observations;
		this.starts = starts;
	}

	/**
	 * Drives a step at its position.
	 * @param recorded what the journal holds at that position, if anything
	 * @param runAt when the step may run at the earliest, or {@code null} for now
	 */
	StepOutcome advance(WorkflowExecution execution, StepDefinition step, int sequence, @Nullable JournalEntry recorded,
			RetryOverride callRetry, @Nullable Instant runAt, StepBody body, boolean deferrable) {
		if (recorded != null) {
			StepOutcome replayed = replay(execution, step, recorded);
			if (replayed != null) {
				return replayed;
			}
			return attempts(execution, step, sequence, recorded.attempts(), recorded.failures(), recorded.error(),
					callRetry, body, deferrable);
		}
		if (runAt != null) {
			Duration wait = Duration.between(this.clock.now(), runAt);
			if (wait.compareTo(this.inlineWait) > 0) {
				record(execution, step, sequence, -1, StepState.WAITING, 0, null, null, runAt);
				return new StepOutcome.Waiting(runAt);
			}
			pause(wait);
		}
		return attempts(execution, step, sequence, -1, 0, null, callRetry, body, deferrable);
	}

	/**
	 * The outcome a journal entry decides without running the step: completed, failed, or
	 * still waiting; {@code null} if the step is due to run (again).
	 */
	@Nullable StepOutcome replay(WorkflowExecution execution, StepDefinition step, JournalEntry recorded) {
		execution.cursor().checkName(recorded, step.name());
		return switch (recorded.state()) {
			case COMPLETED -> new StepOutcome.Done(execution.cursor()
				.readJournaled(() -> this.codec.read(step.resultType(), recorded.result(),
						() -> "the journaled result of step '" + step.name() + "'")));
			case FAILED -> new StepOutcome.Failed(replayedFailure(step, recorded.error()));
			case WAITING -> (recorded.wakeAt() != null && this.clock.now().isBefore(recorded.wakeAt()))
					? new StepOutcome.Waiting(recorded.wakeAt()) : null;
			case RUNNING -> null;
		};
	}

	/**
	 * Runs attempts until one succeeds, the policy gives up, or a wait is too long to
	 * hold. The policy bounds the attempts that failed; one a crash or a fault cut off
	 * counts in the step's attempts, but not against its policy. A deferrable step's
	 * success may be left for the workflow's next journal write to record first (or with
	 * the run's outcome): its workflow does nothing but deterministic code until then, so
	 * at worst the step runs again after a crash in that instant, as any plain step may.
	 */
	private StepOutcome attempts(WorkflowExecution execution, StepDefinition step, int sequence, int rowAttempts,
			int rowFailures, @Nullable String previousError, RetryOverride callRetry, StepBody body,
			boolean deferrable) {
		RetryPolicy policy = this.retries.policy(execution.definition(), step, callRetry);
		int journaled = rowAttempts;
		int failures = rowFailures;
		String lastError = previousError;
		int attempt = Math.max(journaled, 0) + 1;
		while (true) {
			Instant startedAt = this.clock.now();
			if (!this.leases.isHeld(execution.task(), startedAt)) {
				throw AbandonTurn.leaseLost(execution.task().id());
			}
			StepStarts.Attempt started = this.starts
				.started(new StepStart(execution.task().id(), sequence, step.name(), attempt, startedAt, journaled));
			execution.stepStarted(sequence, step.name(), attempt, startedAt);
			Observation observation = this.observations.step(execution.observation(), execution.task().name(),
					execution.task().id(), step.name(), sequence, attempt);
			Throwable failure;
			try (Observation.Scope scope = observation.openScope()) {
				Object value = runOnce(execution, step, sequence, started, failures, lastError, body, deferrable);
				this.observations.stop(observation, "completed");
				return new StepOutcome.Done(value);
			}
			catch (AbandonTurn | Suspension signal) {
				this.observations.stop(observation, "abandoned");
				throw signal;
			}
			catch (Throwable ex) {
				failure = (ex instanceof CheckedStepException checked) ? checked.getCause() : ex;
				if (DatabaseFaults.isFault(failure)) {
					this.observations.stop(observation, "abandoned");
					throw AbandonTurn.databaseFault(execution.task().id(), step.name(), failure);
				}
				observation.error(failure);
			}
			finally {
				started.end();
				execution.stepEnded(sequence);
			}
			String error = describe(failure);
			lastError = error;
			logger.debug("Attempt " + attempt + " of step '" + step.name() + "' of workflow run '"
					+ execution.task().id() + "' failed", failure);
			failures++;
			boolean exhausted = policy == null || failures >= policy.maxAttempts();
			this.observations.stop(observation, exhausted ? "failed" : "retried");
			journaled = started.journaledAttempts();
			if (exhausted) {
				record(execution, step, sequence, journaled, StepState.FAILED, attempt, failures, null, error, null,
						startedAt);
				return new StepOutcome.Failed(new StepFailedException(step.name(), failure.getClass().getName(),
						failure.getMessage(), failure));
			}
			Duration backoff = jitter(policy.backoff(failures));
			Instant retryAt = this.clock.now().plus(backoff);
			record(execution, step, sequence, journaled, StepState.WAITING, attempt, failures, null, error, retryAt,
					startedAt);
			journaled = attempt;
			if (backoff.compareTo(this.inlineWait) > 0) {
				return new StepOutcome.Waiting(retryAt);
			}
			pause(backoff);
			attempt++;
		}
	}

	private @Nullable Object runOnce(WorkflowExecution execution, StepDefinition step, int sequence,
			StepStarts.Attempt started, int failures, @Nullable String lastError, StepBody body, boolean deferrable)
			throws Throwable {
		int attempt = started.number();
		Instant startedAt = started.startedAt();
		if (!step.transactional()) {
			Object value = body.run();
			StepRecord row = row(execution, step, sequence, StepState.COMPLETED, attempt, failures, result(step, value),
					lastError, null, startedAt);
			int journaled = started.journaledAttempts();
			if (deferrable && journaled < 0) {
				execution.cursor().defer(row);
			}
			else {
				write(execution, row, journaled);
			}
			return value;
		}
		return this.stepTransactions.execute((status) -> {
			Object value;
			try {
				value = body.run();
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new CheckedStepException(ex);
			}
			String json = result(step, value);
			// The step's own pending writes fail here, as the step's error, not at
			// commit.
			status.flush();
			record(execution, step, sequence, started.journaledAttempts(), StepState.COMPLETED, attempt, failures, json,
					lastError, null, startedAt);
			return value;
		});
	}

	private @Nullable String result(StepDefinition step, @Nullable Object value) {
		String json = this.codec.write(step.resultType(), value, () -> "The result of step '" + step.name() + "'");
		if (step.plainJson() && !this.codec.readsBackAsItself(json, value)) {
			throw new IllegalArgumentException("Step '" + step.name() + "' returned a " + value.getClass().getName()
					+ ", which does not read back from JSON as itself: pass its type," + " Workflows.step(\""
					+ step.name() + "\").call(" + value.getClass().getSimpleName() + ".class, () -> ...)");
		}
		return json;
	}

	/** Journals a step's state: inserts its row, or moves its waiting row on. */
	void record(WorkflowExecution execution, StepDefinition step, int sequence, int journaledAttempts, StepState state,
			int attempts, @Nullable String result, @Nullable String error, @Nullable Instant wakeAt) {
		record(execution, step, sequence, journaledAttempts, state, attempts, 0, result, error, wakeAt,
				this.clock.now());
	}

	private void record(WorkflowExecution execution, StepDefinition step, int sequence, int journaledAttempts,
			StepState state, int attempts, int failures, @Nullable String result, @Nullable String error,
			@Nullable Instant wakeAt, Instant startedAt) {
		write(execution, row(execution, step, sequence, state, attempts, failures, result, error, wakeAt, startedAt),
				journaledAttempts);
	}

	private StepRecord row(WorkflowExecution execution, StepDefinition step, int sequence, StepState state,
			int attempts, int failures, @Nullable String result, @Nullable String error, @Nullable Instant wakeAt,
			Instant startedAt) {
		return new StepRecord(execution.task().id(), sequence, step.name(), state, attempts, failures, result, error,
				startedAt, (state == StepState.WAITING) ? null : this.clock.now(), wakeAt);
	}

	/**
	 * Journals a marker (a patch's) at a position, with the workflow's next journal
	 * write: until then the workflow runs only deterministic code, and a replay after a
	 * crash before that write takes the same path and journals it again.
	 */
	void mark(WorkflowExecution execution, String name, int sequence) {
		flush(execution);
		Instant now = this.clock.now();
		execution.cursor()
			.defer(new StepRecord(execution.task().id(), sequence, name, StepState.COMPLETED, 0, 0, null, null, now,
					now, null));
	}

	/**
	 * Journals the step its workflow left unrecorded, if any, before the workflow goes
	 * on.
	 */
	void flush(WorkflowExecution execution) {
		StepRecord deferred = execution.cursor().takeDeferred();
		if (deferred != null) {
			write(execution, deferred, -1);
		}
	}

	private void write(WorkflowExecution execution, StepRecord row, int journaledAttempts) {
		String runId = row.runId();
		boolean recorded;
		try {
			recorded = (journaledAttempts < 0) ? insert(row) : this.journal.steps().update(row, journaledAttempts);
		}
		catch (DataAccessException ex) {
			throw AbandonTurn.journalUnavailable(runId, ex);
		}
		if (!recorded) {
			throw AbandonTurn.leaseLost(runId);
		}
		execution.cursor().journaled(row.entry());
		this.events.journaled(execution.definition().name(), row);
	}

	/**
	 * Inserts a step's row: through the writer, sharing a commit with other workflows'
	 * writes, except inside a transactional step, whose own transaction must carry it.
	 */
	private boolean insert(StepRecord row) {
		return TransactionSynchronizationManager.isActualTransactionActive() ? this.journal.steps().insert(row)
				: this.writer.insertStep(row);
	}

	static StepFailedException replayedFailure(StepDefinition step, @Nullable String error) {
		String text = (error != null) ? error : "";
		int colon = text.indexOf(": ");
		return new StepFailedException(step.name(), (colon < 0) ? text : text.substring(0, colon),
				(colon < 0) ? null : text.substring(colon + 2), null);
	}

	/** Holds the thread for a wait too short to suspend for. */
	void pause(Duration wait) {
		if (wait.isNegative() || wait.isZero()) {
			return;
		}
		try {
			Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw AbandonTurn.interrupted();
		}
	}

	Duration inlineWait() {
		return this.inlineWait;
	}

	private static Duration jitter(Duration backoff) {
		return Duration.ofNanos((long) (backoff.toNanos() * (0.5 + ThreadLocalRandom.current().nextDouble())));
	}

	public static String describe(Throwable failure) {
		if (failure instanceof io.durable.workflow.WorkflowException) {
			return storable(String.valueOf(failure.getMessage()));
		}
		String message = failure.getMessage();
		return storable(
				(message != null) ? failure.getClass().getName() + ": " + message : failure.getClass().getName());
	}

	/**
	 * An error as stored: a NUL character (PostgreSQL cannot store it) written as its
	 * escape, and cut at 8000 characters.
	 * @param text the error
	 * @return what to store
	 */
	public static String storable(String text) {
		String storable = text.replace("\u0000", "\\u0000");
		return (storable.length() <= MAX_ERROR_LENGTH) ? storable : storable.substring(0, MAX_ERROR_LENGTH) + "...";
	}

	/**
	 * Carries a checked exception of a transactional step through the transaction
	 * template.
	 */
	private static final class CheckedStepException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		CheckedStepException(Throwable cause) {
			super(cause);
		}

	}

}
