package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
import io.durable.workflow.engine.dispatch.WorkflowQueues;
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
	 * that is a conflict), or one holding its deduplication id in its queue does.
	 * @return the id of the run started, or of the run that exists
	 * @throws WorkflowStateException if a run of another workflow has that id
	 * @throws IllegalArgumentException if the queue asked for does not exist, or queue
	 * options are asked for without a queue
	 */
	public WorkflowId start(WorkflowDefinition definition, @Nullable Object[] args, RunStart start) {
		WorkflowQueues.Queue queue = this.settings.queues().resolve(definition.name(), start.queue());
		checkQueueOptions(definition, queue, start);
		String json = this.codec.writeArguments(definition, args);
		// Arguments that would not survive a replay fail here, before anything is stored.
		@Nullable Object[] decoded = this.codec.readArguments(definition, json);
		Instant now = this.clock.now();
		Instant runAt = now.plus(start.delay()).plus((start.debounce() != null) ? start.debounce() : Duration.ZERO);
		String dedupId = start.dedupId();
		if (queue != null && dedupId != null && start.debounce() != null
				&& this.journal.queues().debounce(queue.name(), dedupId, json, runAt)) {
			return holder(queue, dedupId, definition, decoded, start);
		}
		// Started within a lease duration, a run stays with this node; later, any node
		// takes it when due. A run of a queue waits for its queue's claim.
		boolean heldHere = queue == null && !runAt.isAfter(now.plus(this.settings.leaseDuration()));
		boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
		WorkflowId id = start.id();
		Observation observation = this.observations.start(definition.name(), id.value());
		NewRun run;
		boolean inserted;
		try (Observation.Scope scope = observation.openScope()) {
			run = new NewRun(id.value(), definition.name(), json, heldHere ? this.settings.nodeId() : null,
					heldHere ? this.leases.leaseUntil(now) : runAt, now, start.parentId(), start.handler(),
					start.context(), this.observations.traceContext(observation), start.deadline(), null,
					(queue != null) ? queue.name() : null,
					(queue != null) ? Objects.requireNonNullElse(start.priority(), 0) : null, dedupId);
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
			Optional<String> existing = this.journal.queries().findName(id.value());
			if (existing.isPresent() && !existing.get().equals(definition.name())) {
				throw WorkflowStateException.idTaken(id, existing.get(), definition.name());
			}
			if (existing.isPresent() || queue == null || dedupId == null) {
				return id;
			}
			if (start.debounce() != null) {
				// Another start holds the id since: it takes this one's arguments if it
				// has not begun yet.
				this.journal.queues().debounce(queue.name(), dedupId, json, runAt);
			}
			return holder(queue, dedupId, definition, decoded, start);
		}
		this.events.stateChanged(run.id(), run.name(), WorkflowState.IN_PROGRESS);
		if (heldHere) {
			RunTask task = new RunTask(run, decoded, now);
			Runnable dispatch = runAt.equals(now) ? () -> this.dispatcher.dispatch(task)
					: () -> this.dispatcher.dispatchAt(task, runAt);
			AfterCommit.run(dispatch);
		}
		else if (queue != null && !runAt.isAfter(now)) {
			AfterCommit.run(() -> this.dispatcher.claimQueue(queue.name()));
		}
		return id;
	}

	/**
	 * The run that holds a deduplication id in a queue, which a start found; if it has
	 * finished since, the start starts one after all.
	 */
	private WorkflowId holder(WorkflowQueues.Queue queue, String dedupId, WorkflowDefinition definition,
			@Nullable Object[] args, RunStart start) {
		return this.journal.queues()
			.holder(queue.name(), dedupId)
			.map(WorkflowId::of)
			.orElseGet(() -> start(definition, args, start));
	}

	/** Priority, deduplication and debounce are a queue's: refused without one. */
	private static void checkQueueOptions(WorkflowDefinition definition, WorkflowQueues.@Nullable Queue queue,
			RunStart start) {
		if (queue == null && (start.priority() != null || start.dedupId() != null || start.debounce() != null)) {
			throw new IllegalArgumentException("Workflow '" + definition.name() + "' executes in no queue, and"
					+ " priority, deduplicationId and debounce are a queue's: name one with StartOptions.queue, or"
					+ " give the workflow to one under workflow.queues.<name>.workflows");
		}
		if (start.debounce() != null && start.dedupId() == null) {
			throw new IllegalArgumentException(
					"debounce needs a deduplicationId: the starts it gathers are those" + " with the same one");
		}
	}

}
