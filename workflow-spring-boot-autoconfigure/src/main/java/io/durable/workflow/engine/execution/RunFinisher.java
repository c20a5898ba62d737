package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.util.List;

import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.EngineSettings;
import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.engine.dispatch.RunTask;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.journal.FinishRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.StepRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records how a run that finished here ended. A run without a completion handler, parent
 * or children to wait for ends in one statement, together with its last step; any other
 * ends in one transaction with what goes with it (see {@link RunTermination}). If the
 * completion handler throws, nothing is recorded but its error, and the end is tried
 * again with backoff; after its last attempt, the outcome is recorded without the
 * handler. Internal API: it may change in any release.
 */
public final class RunFinisher {

	private static final Log logger = LogFactory.getLog(RunFinisher.class);

	/**
	 * The first wait before a failed completion handler is called again; it doubles up to
	 * 256 times.
	 */
	private static final Duration COMPLETION_BACKOFF = Duration.ofMillis(250);

	private final Journal journal;

	private final JournalWriter writer;

	private final StepRunner steps;

	private final TransactionTemplate completions;

	private final RunTermination termination;

	private final RunEvents events;

	private final EngineClock clock;

	private final String nodeId;

	/**
	 * Calls in all of a completion handler that throws, before the outcome is recorded
	 * without it.
	 */
	private final int completionAttempts;

	public RunFinisher(Journal journal, JournalWriter writer, StepRunner steps, TransactionTemplate completions,
			RunTermination termination, RunEvents events, EngineClock clock, EngineSettings settings) {
		this.journal = journal;
		this.writer = writer;
		this.steps = steps;
		this.completions = completions;
		this.termination = termination;
		this.events = events;
		this.clock = clock;
		this.nodeId = settings.nodeId();
		this.completionAttempts = settings.completionAttempts();
	}

	/** Records the outcome of a run whose code has returned or thrown. */
	TurnOutcome finish(WorkflowExecution execution, RunOutcome outcome) {
		RunTask task = execution.task();
		try {
			if (task.handler() != null || task.parentId() != null || execution.waitsForChildren()) {
				return finishInTransaction(task, execution, outcome);
			}
			StepRecord lastStep = execution.cursor().takeDeferred();
			if (!this.writer.finishRun(new FinishRecord(task.id(), this.nodeId, outcome.state(), outcome.result(),
					outcome.error(), this.clock.now(), lastStep))) {
				return finishedElsewhere(task);
			}
			if (lastStep != null) {
				this.events.journaled(task.name(), lastStep);
			}
			this.events.stateChanged(task.id(), task.name(), outcome.state());
		}
		catch (DataAccessException ex) {
			return TurnFaults.retry(task, "Cannot record the outcome of workflow run '" + task.id() + "' (" + ex + ")");
		}
		catch (AbandonTurn abandon) {
			return TurnFaults.abandoned(task, abandon);
		}
		return new TurnOutcome.Finished(outcome, List.of());
	}

	private TurnOutcome finishInTransaction(RunTask task, WorkflowExecution execution, RunOutcome outcome) {
		this.steps.flush(execution);
		boolean givenUp = task.completionFailures() >= this.completionAttempts;
		String handler = givenUp ? null : task.handler();
		try {
			List<String> ended = this.completions.execute((status) -> {
				List<String> runs = this.termination.end(
						new RunTermination.Ending(task.id(), task.name(), task.parentId(), task.context()), outcome, (
								now) -> this.journal.runs()
									.finishRun(new FinishRecord(task.id(), this.nodeId, outcome.state(),
											outcome.result(), outcome.error(), now, null)),
						execution.waitsForChildren(), handler);
				if (runs.isEmpty()) {
					status.setRollbackOnly();
					return null;
				}
				if (handler != null && task.completionFailures() > 0) {
					this.journal.runs().recordHandlerError(task.id(), null, null);
				}
				return runs;
			});
			return (ended != null) ? new TurnOutcome.Finished(outcome, ended.subList(1, ended.size()))
					: finishedElsewhere(task);
		}
		catch (RunTermination.HandlerFailure failure) {
			return handlerFailed(task, failure.getCause());
		}
		catch (TransactionException | DataAccessException ex) {
			return TurnFaults.retry(task, "Cannot record the outcome of workflow run '" + task.id() + "' (" + ex + ")");
		}
	}

	private TurnOutcome handlerFailed(RunTask task, Throwable cause) {
		if (DatabaseFaults.isFault(cause)) {
			return TurnFaults.retry(task, "The completion handler of workflow run '" + task.id()
					+ "' met a fault of the database (" + cause + ")");
		}
		int attempts = task.completionFailures() + 1;
		String error = StepRunner.describe(cause);
		if (attempts >= this.completionAttempts) {
			logger.error("The completion handler of workflow run '" + task.id() + "' failed " + attempts
					+ " times; the run's outcome is recorded without it", cause);
			this.journal.runs()
				.recordHandlerError(task.id(), this.nodeId, "Completion handler failed " + attempts
						+ " times; the outcome stands without it. Last failure: " + error);
			return new TurnOutcome.Retry(Duration.ZERO);
		}
		Duration backoff = COMPLETION_BACKOFF.multipliedBy(1L << Math.min(task.completionFailures(), 8));
		logger.warn("The completion handler of workflow run '" + task.id() + "' failed (attempt " + attempts + " of "
				+ this.completionAttempts + "); trying again in " + backoff, cause);
		this.journal.runs().recordHandlerError(task.id(), this.nodeId, "Completion handler failed: " + error);
		return new TurnOutcome.Retry(backoff);
	}

	private static TurnOutcome finishedElsewhere(RunTask task) {
		logger.info("Workflow run '" + task.id() + "' finished here, but it had been canceled or taken over;"
				+ " its outcome here does not count");
		return TurnOutcome.RELEASE;
	}

}
