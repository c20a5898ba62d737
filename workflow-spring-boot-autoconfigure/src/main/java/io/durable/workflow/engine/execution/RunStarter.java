package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;

import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStateException;
import io.durable.workflow.engine.AfterCommit;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.EngineSettings;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.dispatch.Dispatcher;
import io.durable.workflow.engine.dispatch.LeaseKeeper;
import io.durable.workflow.engine.dispatch.RunTask;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.engine.observation.WorkflowObservations;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.NewRun;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts runs, for the client and for workflows starting children: inserts the run (in
 * the transaction in progress, if any) and, if it starts within a lease duration, hands
 * it to this node's pool once that insert has committed.
 */
public final class RunStarter {

	private final Journal journal;

	private final JournalWriter writer;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final EngineSettings settings;

	private final LeaseKeeper leases;

	private final RunEvents events;

	private final WorkflowObservations observations;

	private final Dispatcher dispatcher;

	public RunStarter(Journal journal, JournalWriter writer, PayloadCodec codec, EngineClock clock,
			EngineSettings settings, LeaseKeeper leases, RunEvents events, WorkflowObservations observations,
			Dispatcher dispatcher) {
		this.journal = journal;
		this.writer = writer;
		this.codec = codec;
		this.clock = clock;
		this.settings = settings;
		this.leases = leases;
		this.events = events;
		this.observations = observations;
		this.dispatcher = dispatcher;
	}

	/**
	 * Starts a run, unless one with that id exists already (of the same workflow: else
	 * that is a conflict).
	 * @param delay how long after now it starts
	 * @param parentId the parent of a child workflow, or {@code null}
	 * @param handler the completion handler's bean name, or {@code null}
	 * @param context the completion handler's context JSON, or {@code null}
	 * @param deadline when the run is canceled unless it has finished, or {@code null}
	 * @return whether it was started by this call
	 * @throws WorkflowStateException if a run of another workflow has that id
	 */
	public boolean start(WorkflowDefinition definition, @Nullable Object[] args, WorkflowId id, Duration delay,
			@Nullable String parentId, @Nullable String handler, @Nullable String context, @Nullable Instant deadline) {
		String json = this.codec.writeArguments(definition, args);
		// Arguments that would not survive a replay fail here, before anything is stored.
		@Nullable Object[] decoded = this.codec.readArguments(definition, json);
		Instant now = this.clock.now();
		Instant runAt = now.plus(delay);
		// Started within a lease duration, a run stays with this node; later, any node
		// takes it when due.
		boolean heldHere = delay.compareTo(this.settings.leaseDuration()) <= 0;
		boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
		Observation observation = this.observations.start(definition.name(), id.value());
		NewRun run;
		boolean inserted;
		try (Observation.Scope scope = observation.openScope()) {
			run = new NewRun(id.value(), definition.name(), json, heldHere ? this.settings.nodeId() : null,
					heldHere ? this.leases.leaseUntil(now) : runAt, now, parentId, handler, context,
					this.observations.traceContext(observation), deadline, null);
			// In a transaction the insert must join it; alone, it may share a commit.
			inserted = inTransaction ? this.journal.runs().insertRun(run) : this.writer.insertRun(run);
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
		if (!inserted) {
			String existing = this.journal.queries().findName(id.value()).orElse(definition.name());
			if (!existing.equals(definition.name())) {
				throw WorkflowStateException.idTaken(id, existing, definition.name());
			}
			return false;
		}
		this.events.stateChanged(run.id(), run.name(), WorkflowState.IN_PROGRESS);
		if (heldHere) {
			RunTask task = new RunTask(run, decoded, now);
			Runnable dispatch = runAt.equals(now) ? () -> this.dispatcher.dispatch(task)
					: () -> this.dispatcher.dispatchAt(task, runAt);
			AfterCommit.run(dispatch);
		}
		return true;
	}

}
