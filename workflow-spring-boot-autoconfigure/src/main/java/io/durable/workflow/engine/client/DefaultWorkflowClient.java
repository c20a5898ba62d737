package io.durable.workflow.engine.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.durable.workflow.EventDefinition;
import io.durable.workflow.EventId;
import io.durable.workflow.ListQuery;
import io.durable.workflow.StartOptions;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.EngineSettings;
import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.engine.dispatch.CompletionSignals;
import io.durable.workflow.engine.dispatch.DispatchPort;
import io.durable.workflow.engine.execution.RunStarter;
import io.durable.workflow.engine.execution.RunTermination;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.journal.Journal;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link WorkflowClient} of a node: starts, reads, result waits, cancels and events,
 * each recorded in the journal by a part of its own, which then tells this node's
 * dispatcher through its {@link DispatchPort}.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class DefaultWorkflowClient implements WorkflowClient {

	private final StartRequests starts;

	private final RunReads reads;

	private final ResultWaits results;

	private final RunEnds ends;

	private final EventSends events;

	private final RunRestarts restarts;

	/**
	 * A client over the parts of this node's engine, which {@code WorkflowEngine#client}
	 * hands over.
	 * @param settings the engine's settings (its poll interval for result waits and
	 * stalled runs)
	 * @param journal the journal's stores
	 * @param registry the workflows this node runs
	 * @param codec reads and writes payloads
	 * @param clock the engine's time
	 * @param starter records and dispatches starts
	 * @param runningSteps the steps of a run executing on this node
	 * @param signals hands outcomes of runs finished on this node to waiting callers
	 * @param termination ends canceled runs
	 * @param runEvents publishes the state changes of resumed and forked runs
	 * @param dispatcher the dispatcher, told of what the client records
	 * @param transactionManager the transactions of cancels and events
	 * @param beanFactory the application's beans
	 * @param validator checks event values, or {@code null} without Bean Validation
	 */
	public DefaultWorkflowClient(EngineSettings settings, Journal journal, WorkflowRegistry registry,
			PayloadCodec codec, EngineClock clock, RunStarter starter, Function<String, List<StepInfo>> runningSteps,
			CompletionSignals signals, RunTermination termination, RunEvents runEvents, DispatchPort dispatcher,
			PlatformTransactionManager transactionManager, BeanFactory beanFactory, @Nullable Validator validator) {
		Duration pollInterval = settings.pollInterval();
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		this.starts = new StartRequests(registry, starter, codec, beanFactory, clock);
		this.reads = new RunReads(journal, registry, codec, clock, pollInterval, runningSteps);
		this.results = new ResultWaits(this.reads, signals, dispatcher, codec, pollInterval);
		this.ends = new RunEnds(journal, this.reads, termination, dispatcher, signals, transactions);
		this.events = new EventSends(journal, this.reads, codec, clock, dispatcher, transactions, validator);
		this.restarts = new RunRestarts(journal, this.reads, clock, dispatcher, signals, runEvents, transactions,
				settings.queues());
	}

	/**
	 * Cancels the runs in progress whose deadline has passed, with their children; the
	 * engine calls it on every poll.
	 * @param now the engine's time
	 */
	public void cancelOverdue(Instant now) {
		this.ends.cancelOverdue(now);
	}

	@Override
	public <W> WorkflowId start(Class<W> workflowType, Consumer<W> call) {
		return this.starts.start(workflowType, call, StartOptions.defaults());
	}

	@Override
	public <W> WorkflowId start(Class<W> workflowType, Consumer<W> call, StartOptions options) {
		return this.starts.start(workflowType, call, options);
	}

	@Override
	public WorkflowId start(String workflowName, Object... args) {
		return this.starts.start(workflowName, StartOptions.defaults(), args);
	}

	@Override
	public WorkflowId start(String workflowName, StartOptions options, Object... args) {
		return this.starts.start(workflowName, options, args);
	}

	@Override
	public WorkflowStatus status(WorkflowId id) {
		return this.reads.status(id);
	}

	@Override
	public WorkflowSummary describe(WorkflowId id) {
		return this.reads.describe(id);
	}

	@Override
	public <R> R result(WorkflowId id, Class<R> type, Duration timeout) {
		return this.results.result(id, type, timeout);
	}

	@Override
	public WorkflowPage<WorkflowSummary> list(ListQuery query) {
		return this.reads.list(null, query);
	}

	@Override
	public WorkflowPage<WorkflowSummary> listByName(String name, ListQuery query) {
		return this.reads.list(Objects.requireNonNull(name, "name"), query);
	}

	@Override
	public WorkflowPage<StepInfo> listSteps(WorkflowId id, ListQuery query) {
		return this.reads.listSteps(id, query);
	}

	@Override
	public void cancel(WorkflowId id) {
		this.ends.cancel(id);
	}

	@Override
	public void resume(WorkflowId id) {
		this.restarts.resume(id);
	}

	@Override
	public WorkflowId fork(WorkflowId id, int fromStep) {
		return this.restarts.fork(id, fromStep);
	}

	@Override
	public String exportJournal(WorkflowId id) {
		return this.reads.exportJournal(id);
	}

	@Override
	public void fail(WorkflowId id, String reason) {
		this.ends.fail(id, reason);
	}

	@Override
	public void cleanup(WorkflowId id) {
		this.ends.cleanup(id);
	}

	@Override
	public EventId createEvent(WorkflowId id, String name) {
		return this.events.create(id, name);
	}

	@Override
	public void sendEvent(WorkflowId id, String name) {
		this.events.send(id, name, null, null);
	}

	@Override
	public void sendEvent(WorkflowId id, String name, Object value) {
		this.events.send(id, name, this.events.value(name, value, (value != null) ? value.getClass() : Object.class),
				null);
	}

	@Override
	public <T> void sendEvent(WorkflowId id, EventDefinition<T> event, T value) {
		if (value != null && !event.type().isInstance(value)) {
			throw new IllegalArgumentException("Event '" + event.name() + "' takes a " + event.type().getName()
					+ ", got a " + value.getClass().getName());
		}
		this.events.send(id, event.name(), this.events.value(event.name(), value, event.type()), null);
	}

	@Override
	public void sendEvent(EventId id, Object value) {
		this.events.sendCreated(id, value, null);
	}

	@Override
	public void failEvent(WorkflowId id, String name, String error) {
		this.events.send(id, name, null, Objects.requireNonNull(error, "error"));
	}

	@Override
	public void failEvent(EventId id, String error) {
		this.events.sendCreated(id, null, Objects.requireNonNull(error, "error"));
	}

}
