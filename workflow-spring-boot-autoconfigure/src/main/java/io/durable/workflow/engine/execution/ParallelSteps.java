package io.durable.workflow.engine.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.durable.workflow.Async;
import io.durable.workflow.NonDeterministicWorkflowException;
import org.jspecify.annotations.Nullable;

/**
 * The steps a turn starts in parallel ({@code Workflows.async}): each takes its journal
 * position when started, runs on a pool thread (or on the workflow's own while it waits
 * for it), and the turn suspends until those it waits for are done.
 */
final class ParallelSteps {

	private final WorkflowExecution execution;

	private final List<AsyncStep<?>> started = new ArrayList<>();

	ParallelSteps(WorkflowExecution execution) {
		this.execution = execution;
	}

	/**
	 * Starts a step in parallel.
	 * @param <T> the step's result type
	 * @param call makes one step call
	 * @return the running step
	 */
	<T> Async<T> async(Supplier<T> call) {
		int sequence = this.execution.cursor().next();
		this.execution.executor().steps().flush(this.execution);
		CapturedCall captured = StepCapture.capture(this.execution, "Workflows.async", call);
		if (captured instanceof ChildCall child) {
			AsyncStep<T> started = AsyncStep.decided(this.execution, this.execution.child(sequence, child));
			this.started.add(started);
			return started;
		}
		AsyncStep<T> step = new AsyncStep<>(this.execution, sequence, (CapturedStep) captured,
				this.execution.cursor().recorded(sequence));
		this.started.add(step);
		if (!step.decideFromJournal(this.execution.executor().steps())) {
			this.execution.executor().submitParallel(step);
		}
		return step;
	}

	/**
	 * Waits for parallel steps.
	 * @param calls steps started by {@link #async}
	 */
	void awaitAll(Async<?>... calls) {
		List<AsyncStep<?>> steps = new ArrayList<>(calls.length);
		for (Async<?> call : calls) {
			if (!(call instanceof AsyncStep<?> step) || step.execution() != this.execution) {
				throw new IllegalArgumentException(
						"Workflows.awaitAll takes steps started with Workflows.async" + " by this workflow run");
			}
			steps.add(step);
		}
		await(steps, true);
	}

	/** Waits for the parallel steps still running when the workflow's code returned. */
	void awaitOutstanding() {
		await(this.started, false);
	}

	private void await(Collection<AsyncStep<?>> steps, boolean raiseFailures) {
		for (AsyncStep<?> step : steps) {
			if (step.tryStart()) {
				this.execution.runParallel(step, true);
			}
		}
		List<CompletableFuture<StepOutcome>> pending = new ArrayList<>();
		for (AsyncStep<?> step : steps) {
			if (!step.outcome().isDone()) {
				pending.add(step.outcome());
			}
		}
		if (!pending.isEmpty()) {
			throw new Suspension(null);
		}
		Instant wakeAt = null;
		Long seenSignals = null;
		for (AsyncStep<?> step : steps) {
			StepOutcome outcome = step.result();
			if (outcome instanceof StepOutcome.Waiting waiting
					&& (wakeAt == null || waiting.until().isBefore(wakeAt))) {
				wakeAt = waiting.until();
			}
			if (outcome instanceof StepOutcome.Pending child
					&& (seenSignals == null || child.seenSignals() < seenSignals)) {
				seenSignals = child.seenSignals();
			}
		}
		NonDeterministicWorkflowException violation = this.execution.cursor().violation();
		if (violation != null) {
			throw violation;
		}
		if (seenSignals != null) {
			// Released until a child signals, or a step's wait ends.
			throw Suspension.external(wakeAt, seenSignals);
		}
		if (wakeAt != null) {
			throw new Suspension(wakeAt);
		}
		if (raiseFailures) {
			for (AsyncStep<?> step : steps) {
				if (step.result() instanceof StepOutcome.Failed failed) {
					throw failed.failure();
				}
			}
		}
	}

	/** The parallel steps of this turn still running on other threads, as one future. */
	@Nullable CompletableFuture<Void> inFlight() {
		List<CompletableFuture<StepOutcome>> pending = new ArrayList<>();
		for (AsyncStep<?> step : this.started) {
			if (!step.outcome().isDone()) {
				pending.add(step.outcome());
			}
		}
		return pending.isEmpty() ? null : CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
	}

}
