package io.durable.workflow.engine;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.durable.workflow.ListQuery;
import io.durable.workflow.StartOptions;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowCanceledException;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowFailedException;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowIdConflictException;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowTimeoutException;
import io.durable.workflow.journal.JournalStore;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.journal.RunRecord;
import io.durable.workflow.journal.StepRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * The {@link WorkflowClient} of a node.
 *
 * <p>Internal API: it may change in any release.
 */
public final class DefaultWorkflowClient implements WorkflowClient {

	private final WorkflowEngine engine;

	private final BeanFactory beanFactory;

	/** The beans whose workflow methods typed starts record calls of. */
	private final Map<Class<?>, Object> standIns = new ConcurrentHashMap<>();

	public DefaultWorkflowClient(WorkflowEngine engine, BeanFactory beanFactory) {
		this.engine = engine;
		this.beanFactory = beanFactory;
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
		String json = this.engine.codec.writeArguments(definition, args);
		// Arguments that would not survive a replay fail here, before anything is stored.
		@Nullable Object[] decoded = this.engine.codec.readArguments(definition, json);
		WorkflowId id = (options.workflowId() != null) ? options.workflowId()
				: WorkflowId.of(UUID.randomUUID().toString());
		Instant now = this.engine.clock.now();
		Instant runAt = now.plus(options.startDelay());
		// Started within a lease duration, a run stays with this node; later, any node takes it when due.
		boolean heldHere = options.startDelay().compareTo(this.engine.settings.leaseDuration()) <= 0;
		JournalStore store = this.engine.store;
		NewRun run = new NewRun(id.value(), definition.name(), json, heldHere ? this.engine.settings.nodeId() : null,
				heldHere ? this.engine.leases.leaseUntil(now) : runAt, now);
		// In the caller's transaction the insert must join it; alone, it may share a commit.
		boolean inserted = TransactionSynchronizationManager.isActualTransactionActive() ? store.insertRun(run)
				: this.engine.writer.insertRun(run);
		if (!inserted) {
			String existing = store.findName(id.value()).orElse(definition.name());
			if (!existing.equals(definition.name())) {
				throw new WorkflowIdConflictException(id, existing, definition.name());
			}
			return id;
		}
		if (heldHere) {
			RunTask task = new RunTask(id.value(), definition.name(), json, decoded, now);
			Runnable dispatch = runAt.equals(now) ? () -> this.engine.dispatcher.dispatch(task)
					: () -> this.engine.dispatcher.dispatchAt(task, runAt);
			if (TransactionSynchronizationManager.isActualTransactionActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCommit() {
						dispatch.run();
					}
				});
			}
			else {
				dispatch.run();
			}
		}
		return id;
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
			case IN_PROGRESS -> new WorkflowStatus.InProgress(this.engine.executor.runningSteps(run.id()), List.of());
			case COMPLETED -> new WorkflowStatus.Completed(readResult(run));
			case FAILED -> new WorkflowStatus.Failed(String.valueOf(run.error()));
			case CANCELED -> new WorkflowStatus.Canceled();
		};
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
	public WorkflowPage<StepInfo> listSteps(WorkflowId id, ListQuery query) {
		Integer after = parseCursor(query.cursor());
		List<StepRecord> rows = this.engine.store.listSteps(id.value(), after, query.isDescending(),
				query.limit() + 1);
		if (rows.isEmpty() && this.engine.store.findName(id.value()).isEmpty()) {
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
		return this.engine.store.findRun(id.value()).orElseThrow(() -> new WorkflowNotFoundException(id));
	}

}
