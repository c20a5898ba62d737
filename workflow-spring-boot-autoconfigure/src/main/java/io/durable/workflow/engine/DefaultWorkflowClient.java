package io.durable.workflow.engine;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.durable.workflow.EventAlreadySentException;
import io.durable.workflow.EventDefinition;
import io.durable.workflow.EventId;
import io.durable.workflow.EventNotFoundException;
import io.durable.workflow.InvalidEventException;
import io.durable.workflow.ListQuery;
import io.durable.workflow.PayloadSerializationException;
import io.durable.workflow.StartOptions;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowCanceledException;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowCompletionHandler;
import io.durable.workflow.WorkflowFailedException;
import io.durable.workflow.WorkflowFinishedException;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowInProgressException;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.WorkflowTimeoutException;
import io.durable.workflow.journal.EventRecord;
import io.durable.workflow.journal.JournalJdbc;
import io.durable.workflow.journal.ListedRun;
import io.durable.workflow.journal.RunQuery;
import io.durable.workflow.journal.RunRecord;
import io.durable.workflow.journal.StepRecord;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * The {@link WorkflowClient} of a node.
 *
 * <p>Internal API: it may change in any release.
 */
public final class DefaultWorkflowClient implements WorkflowClient {

	private static final Log logger = LogFactory.getLog(DefaultWorkflowClient.class);

	private final WorkflowEngine engine;

	private final BeanFactory beanFactory;

	private final @Nullable Validator validator;

	/** Joins the caller's transaction, or runs one of its own. */
	private final TransactionTemplate transactions;

	/** The beans whose workflow methods typed starts record calls of. */
	private final Map<Class<?>, Object> standIns = new ConcurrentHashMap<>();

	/**
	 * @param engine this node's engine
	 * @param beanFactory the application's beans
	 * @param validator checks event values, or {@code null} without Bean Validation
	 */
	public DefaultWorkflowClient(WorkflowEngine engine, BeanFactory beanFactory, @Nullable Validator validator) {
		this.engine = engine;
		this.beanFactory = beanFactory;
		this.validator = validator;
		this.transactions = new TransactionTemplate(engine.transactionManager);
	}

	@Override
	public <W> WorkflowId start(Class<W> workflowType, Consumer<W> call) {
		return start(workflowType, call, StartOptions.defaults());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <W> WorkflowId start(Class<W> workflowType, Consumer<W> call, StartOptions options) {
		W standIn = (W) this.standIns.computeIfAbsent(workflowType, this.beanFactory::getBean);
		StartCapture capture = StartCapture.capture(() -> call.accept(standIn));
		Method method = capture.method();
		Class<?> beanClass = capture.beanClass();
		@Nullable Object[] args = capture.args();
		if (method == null || beanClass == null || args == null) {
			throw new IllegalArgumentException("The lambda passed to WorkflowClient.start must call a @Workflow method of "
					+ workflowType.getName() + ", but it called none");
		}
		WorkflowDefinition definition = this.engine.registry.find(method, beanClass)
			.orElseThrow(() -> new IllegalArgumentException(
					"The lambda passed to WorkflowClient.start must call a @Workflow method, but it called "
							+ beanClass.getSimpleName() + "." + method.getName()));
		return start(definition, args, options);
	}

	@Override
	public WorkflowId start(String workflowName, Object... args) {
		return start(workflowName, StartOptions.defaults(), args);
	}

	@Override
	public WorkflowId start(String workflowName, StartOptions options, Object... args) {
		WorkflowDefinition definition = this.engine.registry.get(workflowName);
		checkArguments(definition, args);
		return start(definition, args, options);
	}

	private WorkflowId start(WorkflowDefinition definition, @Nullable Object[] args, StartOptions options) {
		WorkflowId id = (options.workflowId() != null) ? options.workflowId()
				: WorkflowId.of(UUID.randomUUID().toString());
		String handler = handlerBean(options.completionHandler());
		String context = (options.completionContext() != null)
				? this.engine.codec.write(this.engine.codec.payloadType(options.completionContext().getClass()),
						options.completionContext(), () -> "The completion context of workflow '" + id + "'")
				: null;
		this.engine.starter.start(definition, args, id, options.startDelay(), null, handler, context);
		return id;
	}

	/** The name of the one bean of the handler's type, stored with the run. */
	private @Nullable String handlerBean(@Nullable Class<? extends WorkflowCompletionHandler> type) {
		if (type == null) {
			return null;
		}
		String[] names = ((ListableBeanFactory) this.beanFactory).getBeanNamesForType(type);
		if (names.length != 1) {
			throw new IllegalArgumentException("onComplete needs exactly one bean of type " + type.getName() + ", found "
					+ names.length);
		}
		return names[0];
	}

	private static void checkArguments(WorkflowDefinition definition, Object[] args) {
		Class<?>[] parameters = definition.method().getParameterTypes();
		if (args.length != parameters.length) {
			throw new IllegalArgumentException("Workflow '" + definition.name() + "' takes " + parameters.length
					+ " arguments, got " + args.length);
		}
		for (int i = 0; i < args.length; i++) {
			Object arg = args[i];
			boolean fits = (arg == null) ? !parameters[i].isPrimitive()
					: ClassUtils.isAssignableValue(parameters[i], arg);
			if (!fits) {
				throw new IllegalArgumentException("Argument " + i + " of workflow '" + definition.name() + "' must be a "
						+ parameters[i].getName() + ", got " + ((arg != null) ? arg.getClass().getName() : "null"));
			}
		}
	}

	@Override
	public WorkflowStatus status(WorkflowId id) {
		RunRecord run = find(id);
		return switch (run.state()) {
			case IN_PROGRESS -> new WorkflowStatus.InProgress(this.engine.executor.runningSteps(run.id()),
					this.engine.journal.children().activeChildren(run.id()).stream().map(WorkflowId::of).toList(),
					Optional.ofNullable(stalled(run)), this.engine.journal.events().pending(run.id()));
			case COMPLETED -> new WorkflowStatus.Completed(readResult(run));
			case FAILED -> new WorkflowStatus.Failed(String.valueOf(run.error()));
			case CANCELED -> new WorkflowStatus.Canceled();
		};
	}

	/**
	 * Why a run in progress cannot make progress: its completion handler failed (its error is
	 * recorded on the run until the outcome is), or it has been due for three poll intervals and
	 * more without a node claiming it, and this node does not register its workflow either.
	 */
	private @Nullable String stalled(RunRecord run) {
		if (run.handlerError() != null) {
			return run.handlerError();
		}
		Instant dueAt = run.dueAt();
		Instant unclaimedSince = this.engine.clock.now().minus(this.engine.settings.pollInterval().multipliedBy(3));
		if (run.owner() == null && dueAt != null && dueAt.isBefore(unclaimedSince)
				&& this.engine.registry.find(run.name()) == null) {
			return "No node has registered workflow '" + run.name() + "': the run has been due since " + dueAt
					+ " and no node has claimed it (this node does not run that workflow either)";
		}
		return null;
	}

	@Override
	public WorkflowSummary describe(WorkflowId id) {
		RunRecord run = find(id);
		return new WorkflowSummary(id, run.name(), run.state(),
				(run.parentId() != null) ? WorkflowId.of(run.parentId()) : null, run.createdAt(), run.finishedAt(),
				run.result(), run.error(), run.handlerError());
	}

	private @Nullable Object readResult(RunRecord run) {
		WorkflowDefinition definition = this.engine.registry.find(run.name());
		return (definition != null)
				? this.engine.codec.read(definition.resultType(), run.result(),
						() -> "the return value of workflow run '" + run.id() + "'")
				: this.engine.codec.readTree(run.result());
	}

	@Override
	public <R> R result(WorkflowId id, Class<R> type, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		CompletionSignals signals = this.engine.signals;
		CompletableFuture<RunOutcome> signal = signals.watch(id.value());
		try {
			// A run this node holds signals its outcome here: no need to read it first.
			RunOutcome outcome = this.engine.dispatcher.holds(id.value()) ? null : stored(id);
			while (outcome == null) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new WorkflowTimeoutException(id, timeout);
				}
				outcome = awaitSignal(signal, Math.min(remaining, this.engine.settings.pollInterval().toNanos()));
				if (outcome == null) {
					// The run may have finished on another node.
					outcome = stored(id);
				}
			}
			return switch (outcome.state()) {
				case COMPLETED -> type.cast(this.engine.codec.read(this.engine.codec.payloadType(type), outcome.result(),
						() -> "the return value of workflow run '" + id + "'"));
				case FAILED -> throw new WorkflowFailedException(id, String.valueOf(outcome.error()));
				case CANCELED -> throw new WorkflowCanceledException(id);
				case IN_PROGRESS -> throw new IllegalStateException("Run '" + id + "' has not finished");
			};
		}
		finally {
			signals.unwatch(id.value(), signal);
		}
	}

	/** The stored outcome of a finished run, {@code null} while it is in progress. */
	private @Nullable RunOutcome stored(WorkflowId id) {
		RunRecord run = find(id);
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

	@Override
	public WorkflowPage<WorkflowSummary> list(ListQuery query) {
		return listRuns(null, query);
	}

	@Override
	public WorkflowPage<WorkflowSummary> listByName(String name, ListQuery query) {
		return listRuns(Objects.requireNonNull(name, "name"), query);
	}

	private WorkflowPage<WorkflowSummary> listRuns(@Nullable String name, ListQuery query) {
		RunCursor after = RunCursor.parse(query.cursor());
		List<ListedRun> rows = this.engine.journal.queries().listRuns(new RunQuery(name,
				(query.stateFilter() != null) ? query.stateFilter().name() : null,
				(query.parentFilter() != null) ? query.parentFilter().value() : null, query.createdFromFilter(),
				query.createdBeforeFilter(), (after != null) ? after.createdAt() : null,
				(after != null) ? after.id() : null, query.isDescending(), query.limit() + 1));
		List<WorkflowSummary> items = rows.stream()
			.limit(query.limit())
			.map((row) -> new WorkflowSummary(WorkflowId.of(row.id()), row.name(), row.state(),
					(row.parentId() != null) ? WorkflowId.of(row.parentId()) : null, row.createdAt(),
					row.finishedAt(), row.result(), row.error(), row.handlerError()))
			.toList();
		WorkflowSummary last = items.isEmpty() ? null : items.get(items.size() - 1);
		return new WorkflowPage<>(items, (rows.size() > query.limit() && last != null)
				? new RunCursor(last.createdAt(), last.id().value()).toString() : null);
	}

	@Override
	public WorkflowPage<StepInfo> listSteps(WorkflowId id, ListQuery query) {
		Integer after = parseCursor(query.cursor());
		List<StepRecord> rows = this.engine.journal.queries().listSteps(id.value(), after, query.isDescending(),
				query.limit() + 1);
		if (rows.isEmpty() && this.engine.journal.queries().findName(id.value()).isEmpty()) {
			throw new WorkflowNotFoundException(id);
		}
		boolean more = rows.size() > query.limit();
		List<StepInfo> items = new ArrayList<>(Math.min(rows.size(), query.limit()));
		for (StepRecord row : rows.subList(0, Math.min(rows.size(), query.limit()))) {
			items.add(new StepInfo(row.sequence(), row.name(), row.state(), row.attempts(), row.startedAt(),
					row.finishedAt(), row.wakeAt(), row.result(), row.error()));
		}
		return new WorkflowPage<>(items, more ? String.valueOf(items.get(items.size() - 1).sequence()) : null);
	}

	@Override
	public void cancel(WorkflowId id) {
		RunRecord run = find(id);
		boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
		List<String> stopped;
		try {
			stopped = cancel(id, run, true, joined);
		}
		catch (CancelHandlerFailure failure) {
			if (joined) {
				throw failure.handlerError;
			}
			// A cancel always succeeds: without the handler, whose failure stays on the run.
			logger.warn("The completion handler of workflow run '" + id.value() + "' failed on its cancel; the run is"
					+ " canceled without it", failure.handlerError);
			stopped = cancel(id, run, false, false);
			this.engine.journal.runs().recordHandlerError(id.value(), null, "Completion handler failed on cancel; the run is"
					+ " canceled without it: " + StepRunner.describe(failure.handlerError));
		}
		this.engine.dispatcher.canceled(stopped);
		if (!stopped.isEmpty() && run.parentId() != null) {
			wakeHere(run.parentId());
		}
	}

	/**
	 * Cancels a run and its children in one transaction, calling its completion handler in it if
	 * asked: if the handler throws, nothing is canceled.
	 */
	private List<String> cancel(WorkflowId id, RunRecord run, boolean callHandler, boolean joined) {
		RunOutcome canceled = new RunOutcome(WorkflowState.CANCELED, null, null);
		TransactionCallback<List<String>> cancel = (status) -> {
			Instant now = this.engine.clock.now();
			if (!this.engine.journal.runs().cancelRun(id.value(), now)) {
				return List.of();
			}
			Map<String, String> runs = new LinkedHashMap<>();
			runs.put(id.value(), run.name());
			runs.putAll(this.engine.journal.children().cancelChildren(id.value(), now));
			// Published once this transaction commits.
			runs.forEach((canceledRun, name) -> this.engine.events.stateChanged(canceledRun, name, WorkflowState.CANCELED));
			if (run.parentId() != null) {
				this.engine.journal.runs().signalRun(run.parentId(), now);
			}
			if (run.handler() != null && callHandler) {
				try {
					this.beanFactory.getBean(run.handler(), WorkflowCompletionHandler.class)
						.onComplete(new Completion(id.value(), canceled, run.context(), this.engine.codec));
				}
				catch (RuntimeException ex) {
					throw new CancelHandlerFailure(ex);
				}
			}
			return List.copyOf(runs.keySet());
		};
		// PostgreSQL may fail it to break a deadlock with a transaction locking the same runs in
		// another order; then it runs again, unless it joined the caller's transaction.
		return joined ? this.transactions.execute(cancel)
				: JournalJdbc.retryingDeadlocks(() -> this.transactions.execute(cancel));
	}

	@Override
	public void cleanup(WorkflowId id) {
		if (!find(id).state().isFinished()) {
			throw new WorkflowInProgressException(id, "clean it up");
		}
		this.engine.journal.retention().deleteRun(id.value());
	}

	@Override
	public EventId createEvent(WorkflowId id, String name) {
		checkEventName(name);
		EventId event = EventId.of(UUID.randomUUID().toString());
		inProgress(id, "create an event");
		this.engine.journal.events().insert(
				new EventRecord(event.value(), id.value(), name, true, EventRecord.CREATED, null, null),
				this.engine.clock.now());
		return event;
	}

	@Override
	public void sendEvent(WorkflowId id, String name) {
		send(id, name, null, null);
	}

	@Override
	public void sendEvent(WorkflowId id, String name, Object value) {
		send(id, name, eventValue(name, value, (value != null) ? value.getClass() : Object.class), null);
	}

	@Override
	public <T> void sendEvent(WorkflowId id, EventDefinition<T> event, T value) {
		if (value != null && !event.type().isInstance(value)) {
			throw new IllegalArgumentException("Event '" + event.name() + "' takes a " + event.type().getName()
					+ ", got a " + value.getClass().getName());
		}
		send(id, event.name(), eventValue(event.name(), value, event.type()), null);
	}

	@Override
	public void sendEventJson(WorkflowId id, String name, @Nullable String json) {
		checkEventName(name);
		WorkflowDefinition workflow = this.engine.registry.find(inProgress(id, "send event '" + name + "'").name());
		EventDefinition<?> definition = (workflow != null) ? workflow.events().get(name) : null;
		if (definition != null) {
			sendJson(id, definition, json);
		}
		else {
			String value = (json != null) ? this.engine.codec.write(this.engine.codec.payloadType(JsonNode.class),
					eventJson(name, json, JsonNode.class), () -> "The value of event '" + name + "'") : null;
			send(id, name, value, null);
		}
	}

	private <T> void sendJson(WorkflowId id, EventDefinition<T> event, @Nullable String json) {
		sendEvent(id, event, (json != null) ? eventJson(event.name(), json, event.type()) : null);
	}

	/** Reads an event value from JSON text as the given type. */
	private <T> T eventJson(String name, String json, Class<T> type) {
		Object value;
		try {
			value = this.engine.codec.read(this.engine.codec.payloadType(type), json, () -> "the JSON");
		}
		catch (PayloadSerializationException ex) {
			String problem = (ex.getCause() instanceof JacksonException jackson) ? jackson.getOriginalMessage()
					: ex.getMessage();
			throw new InvalidEventException(name, List.of("not JSON of a " + type.getSimpleName() + ": " + problem));
		}
		if (value == null) {
			throw new InvalidEventException(name, List.of("the JSON is null: send the event without a value instead"));
		}
		return type.cast(value);
	}

	@Override
	public void sendEvent(EventId id, Object value) {
		EventRecord event = createdEvent(id);
		String json = eventValue(event.name(), value, (value != null) ? value.getClass() : Object.class);
		sendCreated(id, event, json, null);
	}

	@Override
	public void failEvent(WorkflowId id, String name, String error) {
		send(id, name, null, Objects.requireNonNull(error, "error"));
	}

	@Override
	public void failEvent(EventId id, String error) {
		sendCreated(id, createdEvent(id), null, Objects.requireNonNull(error, "error"));
	}

	/** Stores a named event and makes its run due, in one transaction (the caller's, if any). */
	private void send(WorkflowId id, String name, @Nullable String value, @Nullable String error) {
		checkEventName(name);
		this.transactions.executeWithoutResult((status) -> {
			Instant now = this.engine.clock.now();
			// The signal locks the run while it is in progress: a cancel racing the send either
			// commits first (then the send fails) or waits until the event is stored.
			signalInProgress(id, "send event '" + name + "'", now);
			this.engine.journal.events().insert(
					new EventRecord(UUID.randomUUID().toString(), id.value(), name, false, EventRecord.SENT, value, error),
					now);
		});
		wakeHere(id.value());
	}

	private void sendCreated(EventId id, EventRecord event, @Nullable String value, @Nullable String error) {
		this.transactions.executeWithoutResult((status) -> {
			Instant now = this.engine.clock.now();
			signalInProgress(WorkflowId.of(event.runId()), "send event '" + event.name() + "'", now);
			if (!this.engine.journal.events().sendCreated(id.value(), value, error, now)) {
				throw new EventAlreadySentException(id);
			}
		});
		wakeHere(event.runId());
	}

	private EventRecord createdEvent(EventId id) {
		EventRecord event = this.engine.journal.events().find(id.value()).orElseThrow(() -> new EventNotFoundException(id));
		if (!event.state().equals(EventRecord.CREATED)) {
			throw new EventAlreadySentException(id);
		}
		return event;
	}

	/** Wakes the run on this node right after the event commits, rather than at the next poll. */
	private void wakeHere(String runId) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					DefaultWorkflowClient.this.engine.dispatcher.wake(runId);
				}
			});
		}
		else {
			this.engine.dispatcher.wake(runId);
		}
	}

	/** Checks an event value's constraints and writes it as JSON of its type. */
	private @Nullable String eventValue(String name, @Nullable Object value, Class<?> type) {
		if (value == null) {
			return null;
		}
		if (this.validator != null) {
			Set<ConstraintViolation<Object>> violations = this.validator.validate(value);
			if (!violations.isEmpty()) {
				throw new InvalidEventException(name, violations.stream()
					.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
					.sorted()
					.toList());
			}
		}
		return this.engine.codec.write(this.engine.codec.payloadType(type), value,
				() -> "The value of event '" + name + "'");
	}

	/** Signals a run, locking it until the caller's transaction ends, if it is in progress. */
	private void signalInProgress(WorkflowId id, String operation, Instant now) {
		if (!this.engine.journal.runs().signalRun(id.value(), now)) {
			throw new WorkflowFinishedException(id, find(id).state(), operation);
		}
	}

	private RunRecord inProgress(WorkflowId id, String operation) {
		RunRecord run = find(id);
		if (run.state().isFinished()) {
			throw new WorkflowFinishedException(id, run.state(), operation);
		}
		return run;
	}

	private static void checkEventName(String name) {
		if (name == null || name.isBlank() || name.length() > WorkflowId.MAX_LENGTH) {
			throw new IllegalArgumentException("An event name must be 1 to " + WorkflowId.MAX_LENGTH
					+ " characters and not blank, got '" + name + "'");
		}
	}

	private static @Nullable Integer parseCursor(@Nullable String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			return Integer.valueOf(cursor);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Malformed cursor '" + cursor + "': pass a nextCursor() of a step page");
		}
	}

	private RunRecord find(WorkflowId id) {
		return this.engine.journal.queries().findRun(id.value()).orElseThrow(() -> new WorkflowNotFoundException(id));
	}


	/** Carries a completion handler's failure out of the transaction of a cancel, which it rolls back. */
	private static final class CancelHandlerFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final RuntimeException handlerError;

		CancelHandlerFailure(RuntimeException handlerError) {
			super(handlerError.getMessage(), handlerError, false, false);
			this.handlerError = handlerError;
		}

	}

}
