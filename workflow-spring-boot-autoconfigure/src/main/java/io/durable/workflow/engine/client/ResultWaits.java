package io.durable.workflow.engine.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.durable.workflow.WorkflowCanceledException;
import io.durable.workflow.WorkflowFailedException;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowTimeoutException;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.dispatch.CompletionSignals;
import io.durable.workflow.engine.dispatch.DispatchPort;
import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.journal.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * The client's waits for results: signaled by this node's dispatcher when the run ends
 * here, read from the journal once a poll interval in case it ended on another node. A
 * run that has lately finished here answers from memory.
 */
final class ResultWaits {

	private final RunReads reads;

	private final CompletionSignals signals;

	private final DispatchPort dispatcher;

	private final PayloadCodec codec;

	private final Duration pollInterval;

	ResultWaits(RunReads reads, CompletionSignals signals, DispatchPort dispatcher, PayloadCodec codec,
			Duration pollInterval) {
		this.reads = reads;
		this.signals = signals;
		this.dispatcher = dispatcher;
		this.codec = codec;
		this.pollInterval = pollInterval;
	}

	<R> R result(WorkflowId id, Class<R> type, Duration timeout) {
		// A run this node holds is in progress; one that finished here lately is known.
		RunOutcome known = this.dispatcher.holds(id.value()) ? null : this.signals.recent(id.value());
		if (known != null) {
			return answer(id, type, known);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		CompletableFuture<RunOutcome> signal = this.signals.watch(id.value());
		try {
			// A run this node holds signals its outcome here: no need to read it first.
			RunOutcome outcome = this.dispatcher.holds(id.value()) ? null : stored(id);
			while (outcome == null) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw WorkflowTimeoutException.result(id, timeout);
				}
				outcome = awaitSignal(signal, Math.min(remaining, this.pollInterval.toNanos()));
				if (outcome == null) {
					// The run may have finished on another node.
					outcome = stored(id);
				}
			}
			return answer(id, type, outcome);
		}
		finally {
			this.signals.unwatch(id.value(), signal);
		}
	}

	private <R> R answer(WorkflowId id, Class<R> type, RunOutcome outcome) {
		return switch (outcome.state()) {
			case COMPLETED -> type.cast(this.codec.read(this.codec.payloadType(type), outcome.result(),
					() -> "the return value of workflow run '" + id + "'"));
			case FAILED -> throw new WorkflowFailedException(id, String.valueOf(outcome.error()));
			case CANCELED -> throw new WorkflowCanceledException(id, outcome.error());
			case IN_PROGRESS -> throw new IllegalStateException("Run '" + id + "' has not finished");
		};
	}

	/** The stored outcome of a finished run, {@code null} while it is in progress. */
	private @Nullable RunOutcome stored(WorkflowId id) {
		RunRecord run = this.reads.find(id);
		return run.state().isFinished() ? new RunOutcome(run.state(), run.result(), run.error()) : null;
	}

	private static @Nullable RunOutcome awaitSignal(CompletableFuture<RunOutcome> signal, long nanos) {
		try {
			return signal.get(nanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a workflow result", ex);
		}
	}

}
