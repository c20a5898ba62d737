package io.durable.workflow.engine.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStateException;
import io.durable.workflow.engine.AfterCommit;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.dispatch.CompletionSignals;
import io.durable.workflow.engine.dispatch.DispatchPort;
import io.durable.workflow.engine.dispatch.WorkflowQueues;
import io.durable.workflow.engine.execution.ChildWorkflows;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.journal.RunRecord;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client's restarts of ended runs: a resume goes on with a failed or canceled run
 * where it stopped, a fork starts a new run from a copy of another's first steps. Both
 * join the caller's transaction, if any, and hand the runs to this node once committed.
 */
final class RunRestarts {

	private final Journal journal;

	private final RunReads reads;

	private final EngineClock clock;

	private final DispatchPort dispatcher;

	private final CompletionSignals signals;

	private final RunEvents events;

	/** Joins the caller's transaction, or runs one of its own. */
	private final TransactionTemplate transactions;

	private final WorkflowQueues queues;

	RunRestarts(Journal journal, RunReads reads, EngineClock clock, DispatchPort dispatcher, CompletionSignals signals,
			RunEvents events, TransactionTemplate transactions, WorkflowQueues queues) {
		this.journal = journal;
		this.reads = reads;
		this.clock = clock;
		this.dispatcher = dispatcher;
		this.signals = signals;
		this.events = events;
		this.transactions = transactions;
		this.queues = queues;
	}

	/**
	 * Puts a failed or canceled run back in progress where it stopped, with the failed or
	 * canceled descendants it waited for there.
	 * @throws WorkflowStateException if it is in progress or completed, or another run in
	 * progress holds its deduplication id
	 */
	void resume(WorkflowId id) {
		RunRecord run = this.reads.find(id);
		if (run.state() != WorkflowState.FAILED && run.state() != WorkflowState.CANCELED) {
			throw WorkflowStateException.notResumable(id, run.state());
		}
		Map<String, String> resumed;
		try {
			resumed = this.journal.restarts().resume(run.id(), run.name(), this.clock.now(), ChildWorkflows::childId);
		}
		catch (DuplicateKeyException ex) {
			throw WorkflowStateException.deduplicationIdHeld(id);
		}
		if (resumed.isEmpty()) {
			throw WorkflowStateException.notResumable(id, this.reads.find(id).state());
		}
		resumed.forEach((runId, name) -> this.events.stateChanged(runId, name, WorkflowState.IN_PROGRESS));
		AfterCommit.run(() -> resumed.keySet().forEach((runId) -> {
			this.signals.forget(runId);
			this.dispatcher.wake(runId);
		}));
	}

	/**
	 * Starts a new run of a run's workflow with its arguments, completion handler and
	 * context, in its workflow's queue, whose journal holds a copy of the run's steps
	 * before {@code fromStep}.
	 * @return the new run's id
	 * @throws IllegalArgumentException if {@code fromStep} is negative, past the
	 * journal's end, or past a step that has not finished
	 */
	WorkflowId fork(WorkflowId id, int fromStep) {
		RunRecord run = this.reads.find(id);
		checkForkable(id, this.journal.steps().loadJournal(run.id()), fromStep);
		String args = this.journal.queries()
			.findArguments(run.id())
			.orElseThrow(() -> WorkflowNotFoundException.run(id));
		WorkflowId fork = WorkflowId.of(UUID.randomUUID().toString());
		Instant now = this.clock.now();
		WorkflowQueues.Queue queue = this.queues.resolve(run.name(), null);
		NewRun forked = new NewRun(fork.value(), run.name(), args, null, now, now, null, run.handler(), run.context(),
				null, null, run.id(), (queue != null) ? queue.name() : null, (queue != null) ? 0 : null, null);
		this.transactions.executeWithoutResult((status) -> {
			this.journal.runs().insertRun(forked);
			this.journal.restarts().copySteps(run.id(), fork.value(), fromStep);
		});
		this.events.stateChanged(fork.value(), run.name(), WorkflowState.IN_PROGRESS);
		AfterCommit.run(() -> this.dispatcher.wake(fork.value()));
		return fork;
	}

	/**
	 * A fork copies finished steps only: one waiting or running would wait for what the
	 * run it came from waits for.
	 */
	private static void checkForkable(WorkflowId id, List<JournalEntry> steps, int fromStep) {
		if (fromStep < 0 || fromStep > steps.size()) {
			throw new IllegalArgumentException("Cannot fork workflow '" + id + "' from step " + fromStep
					+ ": its journal holds " + steps.size() + " steps; fork from 0 to " + steps.size());
		}
		for (int position = 0; position < fromStep; position++) {
			JournalEntry step = steps.get(position);
			if (step.sequence() != position) {
				throw new IllegalArgumentException("Cannot fork workflow '" + id + "' from step " + fromStep + ": step "
						+ position + " has not been journaled yet; fork from " + position + " or before");
			}
			if (step.state() != StepState.COMPLETED && step.state() != StepState.FAILED) {
				throw new IllegalArgumentException("Cannot fork workflow '" + id + "' from step " + fromStep + ": step "
						+ position + " '" + step.name() + "' has not finished (" + step.state() + "); fork from "
						+ position + " or before");
			}
		}
	}

}
