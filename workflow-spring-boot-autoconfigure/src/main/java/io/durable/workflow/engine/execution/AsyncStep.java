package io.durable.workflow.engine.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.durable.workflow.Async;
import io.durable.workflow.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

/**
 * A step started with {@code Workflows.async}: its journal position is taken when it is
 * started; it runs once, on whichever thread takes it first (a pool thread, or the
 * workflow's own while it waits), and its outcome completes {@link #outcome()}. A journal
 * entry from an earlier turn decides it without running. A child workflow started with
 * {@code Workflows.async} is decided when started: it is pending, or (replayed) done.
 */
final class AsyncStep<T> implements Async<T> {

	private final WorkflowExecution execution;

	private final int sequence;

	private final @Nullable CapturedStep captured;

	private final @Nullable JournalEntry recorded;

	private final AtomicBoolean taken = new AtomicBoolean();

	private final CompletableFuture<StepOutcome> outcome = new CompletableFuture<>();

	AsyncStep(WorkflowExecution execution, int sequence, @Nullable CapturedStep captured,
			@Nullable JournalEntry recorded) {
		this.execution = execution;
		this.sequence = sequence;
		this.captured = captured;
		this.recorded = recorded;
	}

	/** A call whose outcome is known when it is made: a child workflow's. */
	static <T> AsyncStep<T> decided(WorkflowExecution execution, StepOutcome outcome) {
		AsyncStep<T> step = new AsyncStep<>(execution, -1, null, null);
		step.taken.set(true);
		step.outcome.complete(outcome);
		return step;
	}

	/**
	 * Completes the step from its journal entry if that decides it; {@code false} if it
	 * must run.
	 */
	boolean decideFromJournal(StepRunner steps) {
		if (this.recorded == null) {
			return false;
		}
		StepOutcome replayed = steps.replay(this.execution, this.captured.step(), this.recorded);
		if (replayed == null) {
			return false;
		}
		this.taken.set(true);
		this.outcome.complete(replayed);
		return true;
	}

	/** Claims the step for the calling thread; {@code false} if another thread has it. */
	boolean tryStart() {
		return this.taken.compareAndSet(false, true);
	}

	/**
	 * Runs the step; its outcome, or the signal that ended the turn, completes
	 * {@link #outcome()}.
	 */
	void run(StepRunner steps) {
		try {
			this.outcome.complete(steps.advance(this.execution, this.captured.step(), this.sequence, this.recorded,
					this.captured.callRetry(), this.captured.runAt(), this.captured.body(), false));
		}
		catch (RuntimeException | Error ex) {
			this.outcome.completeExceptionally(ex);
		}
	}

	/** Ends the step without running it: the engine is stopping. */
	void abandon() {
		if (tryStart()) {
			this.outcome.completeExceptionally(AbandonTurn.interrupted());
		}
	}

	CompletableFuture<StepOutcome> outcome() {
		return this.outcome;
	}

	/**
	 * The finished step's outcome; rethrows the signal that ended its run instead, if
	 * any.
	 */
	StepOutcome result() {
		try {
			return this.outcome.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	WorkflowExecution execution() {
		return this.execution;
	}

	@Override
	@SuppressWarnings("unchecked")
	public T get() {
		WorkflowExecution.require("Async.get()").parallel().awaitAll(this);
		return (T) WorkflowExecution.valueOf(result());
	}

	@Override
	public boolean isDone() {
		return this.outcome.isDone();
	}

}
