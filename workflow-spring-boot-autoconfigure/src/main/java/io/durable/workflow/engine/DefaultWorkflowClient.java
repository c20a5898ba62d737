package io.durable.workflow.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

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
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link WorkflowClient} of a node: starts, reads, result waits, cancels and events, each
 * recorded in the journal by a part of its own, which then tells this node's dispatcher through
 * its {@link DispatchPort}.
 *
 * <p>Internal API: it may change in any release.
 */
public final class DefaultWorkflowClient implements WorkflowClient {

	private final StartRequests starts;

	private final RunReads reads;

	private final ResultWaits results;

	private final RunCancels cancels;

	private final EventSends events;

	/**
	 * @param engine this node's engine
	 * @param beanFactory the application's beans
	 * @param validator checks event values, or {@code null} without Bean Validation
	 */
	public DefaultWorkflowClient(WorkflowEngine engine, BeanFactory beanFactory, @Nullable Validator validator) {
		Duration pollInterval = engine.settings.pollInterval();
		TransactionTemplate transactions = new TransactionTemplate(engine.transactionManager);
		this.starts = new StartRequests(engine.registry, engine.starter, engine.codec, beanFactory);
		this.reads = new RunReads(engine.journal, engine.registry, engine.codec, engine.clock, pollInterval,
				engine.executor::runningSteps);
		this.results = new ResultWaits(this.reads, engine.signals, engine.dispatcher, engine.codec, pollInterval);
		this.cancels = new RunCancels(engine.journal, this.reads, engine.termination, engine.dispatcher, transactions);
		this.events = new EventSends(engine.journal, this.reads, engine.codec, engine.clock, engine.dispatcher,
				transactions, validator);
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
		this.cancels.cancel(id);
	}

	@Override
	public void cleanup(WorkflowId id) {
		this.cancels.cleanup(id);
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
