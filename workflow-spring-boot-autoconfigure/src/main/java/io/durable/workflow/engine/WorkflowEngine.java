package io.durable.workflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.client.DefaultWorkflowClient;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.RetrySettings;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.engine.dispatch.CompletionSignals;
import io.durable.workflow.engine.dispatch.DispatchPort;
import io.durable.workflow.engine.dispatch.Dispatcher;
import io.durable.workflow.engine.dispatch.LeaseKeeper;
import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.engine.dispatch.RunTask;
import io.durable.workflow.engine.dispatch.WakeTimers;
import io.durable.workflow.engine.dispatch.WorkflowPool;
import io.durable.workflow.engine.dispatch.WorkflowQueues;
import io.durable.workflow.engine.execution.ChildWorkflows;
import io.durable.workflow.engine.execution.EventWaits;
import io.durable.workflow.engine.execution.JournalWriter;
import io.durable.workflow.engine.execution.RunFinisher;
import io.durable.workflow.engine.execution.RunStarter;
import io.durable.workflow.engine.execution.RunTermination;
import io.durable.workflow.engine.execution.StepRunner;
import io.durable.workflow.engine.execution.StepStarts;
import io.durable.workflow.engine.execution.WorkflowExecutor;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.engine.observation.RunWatches;
import io.durable.workflow.engine.observation.WorkflowObservations;
import io.durable.workflow.journal.ClaimedRun;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalExport;
import io.durable.workflow.journal.JournalStatistics;
import io.durable.workflow.journal.ListedEvent;
import io.durable.workflow.journal.NodeHolding;
import io.durable.workflow.journal.QueueStore;
import io.durable.workflow.journal.RunsInMinute;
import io.durable.workflow.journal.RunPosition;
import io.durable.workflow.test.WorkflowTestClock;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workflow engine of this node: the pool that runs workflow turns and steps, the loop
 * that claims due runs, the timers of runs waiting in memory, and lease renewal. Starts
 * last and stops first, so that runs are released before the application's other beans
 * (its data source among them) go away; can be started again after a stop.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class WorkflowEngine implements SmartLifecycle, WorkflowMonitor {

	private static final Log logger = LogFactory.getLog(WorkflowEngine.class);

	final EngineSettings settings;

	final EngineClock clock;

	final Journal journal;

	private final PayloadCodec codec;

	private final WorkflowRegistry registry;

	private final LeaseKeeper leases;

	/**
	 * Outcomes of runs finished here, for result waits (and forgotten as runs are
	 * deleted).
	 */
	final CompletionSignals signals;

	private final PlatformTransactionManager transactionManager;

	private final WorkflowExecutor executor;

	private final JournalWriter writer;

	private final Dispatcher dispatcher;

	private final RunStarter starter;

	private final RunEvents events;

	private final RunTermination termination;

	private final RunWatches watches;

	private final WakeTimers timers;

	private final StepStarts starts;

	private final @Nullable TaskExecutor applicationExecutor;

	private final DefaultWorkflowClient client;

	private final GuardedTask overdue;

	private final GuardedTask claim;

	private @Nullable ScheduledExecutorService timer;

	private @Nullable ScheduledFuture<?> polling;

	private @Nullable AutoCloseable scheduler;

	private volatile boolean running;

	public WorkflowEngine(EngineSettings settings, Clock clock, Journal journal, PayloadCodec codec,
			WorkflowRegistry registry, RetrySettings retries, PlatformTransactionManager transactionManager,
			BeanFactory beanFactory, @Nullable Validator validator, ApplicationEventPublisher publisher,
			WorkflowObservations observations, @Nullable TaskExecutor applicationExecutor) {
		this.settings = settings;
		this.applicationExecutor = applicationExecutor;
		this.clock = new EngineClock(clock);
		this.signals = new CompletionSignals(this.clock);
		this.journal = journal;
		this.codec = codec;
		this.registry = registry;
		this.transactionManager = transactionManager;
		this.leases = new LeaseKeeper(journal, this.clock, settings.nodeId(), settings.leaseDuration());
		TransactionTemplate stepTransactions = new TransactionTemplate(transactionManager);
		stepTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.writer = new JournalWriter(journal);
		this.watches = new RunWatches(journal, this.clock, settings.nodeId());
		this.events = new RunEvents(publisher, this.watches);
		this.starts = new StepStarts(journal, settings.attemptStartDelay());
		StepRunner steps = new StepRunner(journal, this.writer, codec, stepTransactions, this.clock, this.leases,
				retries, settings.inlineWait(), this.events, observations, this.starts);
		EventWaits eventWaits = new EventWaits(journal, codec, this.clock, steps, stepTransactions);
		this.timers = new WakeTimers(this.clock);
		this.dispatcher = new Dispatcher(journal, registry, this.leases, this.clock, settings, this.timers,
				this.signals);
		this.starter = new RunStarter(journal, this.writer, codec, this.clock, settings, this.leases, this.events,
				observations, this.dispatcher);
		ChildWorkflows children = new ChildWorkflows(journal, codec, this.clock, steps, this.starter, stepTransactions);
		this.termination = new RunTermination(journal, codec, this.clock, beanFactory, this.events);
		RunFinisher finisher = new RunFinisher(journal, this.writer, steps, stepTransactions, this.termination,
				this.events, this.clock, settings);
		this.executor = new WorkflowExecutor(beanFactory, registry, journal, codec, this.clock, steps, eventWaits,
				children, validator, observations, finisher, settings.parkDivergence());
		this.client = new DefaultWorkflowClient(settings, journal, registry, codec, this.clock, this.starter,
				this.executor::runningSteps, this.signals, this.termination, this.events, clientPort(),
				transactionManager, beanFactory, validator);
		this.overdue = new GuardedTask("cancel workflow runs past their deadline",
				() -> this.client.cancelOverdue(this.clock.now()));
		this.claim = new GuardedTask("claim due workflow runs", this.dispatcher::poll);
		if (clock instanceof WorkflowTestClock testClock) {
			testClock.attach(new TestClockParticipant());
		}
	}

	/**
	 * The client of this node, over this engine's parts.
	 * @return the client
	 */
	public WorkflowClient client() {
		return this.client;
	}

	/** Cancels the runs whose deadline has passed, then claims due runs. */
	private void poll() {
		this.overdue.run();
		this.claim.run();
	}

	/**
	 * The dispatcher as the client reaches it: an event stored for a run also tells the
	 * run's watchers here, whose streams show events as they arrive.
	 */
	private DispatchPort clientPort() {
		return new DispatchPort() {

			@Override
			public void wake(String runId) {
				WorkflowEngine.this.events.eventStored(runId);
				WorkflowEngine.this.dispatcher.wake(runId);
			}

			@Override
			public void ended(Collection<String> runIds, RunOutcome outcome) {
				WorkflowEngine.this.dispatcher.ended(runIds, outcome);
			}

			@Override
			public boolean holds(String runId) {
				return WorkflowEngine.this.dispatcher.holds(runId);
			}

		};
	}

	/**
	 * Starts the pool, the claim loop, the timers and lease renewal; also after a
	 * {@link #stop()}.
	 */
	@Override
	public void start() {
		CustomizableThreadFactory timerThreads = new CustomizableThreadFactory("workflow-timer-");
		timerThreads.setDaemon(true);
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(timerThreads);
		this.timer = timer;
		this.timers.start(timer);
		this.dispatcher.start(new WorkflowPool(poolExecutor(), this.settings.maxParallelism()), timer, this.executor);
		new GuardedTask("try parked workflow runs again", this.dispatcher::retryParked).run();
		long poll = this.settings.pollInterval().toMillis();
		long renew = this.leases.renewalInterval().toMillis();
		this.polling = timer.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
		timer.scheduleAtFixedRate(new GuardedTask("renew workflow leases", this.dispatcher::renewLeases), renew, renew,
				TimeUnit.MILLISECONDS);
		long tick = this.starts.tickInterval().toNanos();
		if (tick > 0) {
			timer.scheduleWithFixedDelay(new GuardedTask("journal running step attempts", this.starts::tick), tick,
					tick, TimeUnit.NANOSECONDS);
		}
		timer.scheduleWithFixedDelay(new GuardedTask("look for changes of watched workflow runs", this.watches::tick),
				poll, poll, TimeUnit.MILLISECONDS);
		this.running = true;
		new GuardedTask("look for runs of queues this node does not configure", this::warnOfUnconfiguredQueues).run();
		new GuardedTask("check the database's durability", () -> {
			String warning = this.journal.queries().durabilityWarning();
			if (warning != null) {
				logger.warn(warning);
			}
		}).run();
		logger.info("Workflow engine started on node '" + this.settings.nodeId() + "' (max parallelism "
				+ this.settings.maxParallelism() + poolDescription() + ")");
	}

	private String poolDescription() {
		if (this.applicationExecutor != null) {
			return ", on the application's @WorkflowTaskExecutor";
		}
		return this.settings.virtualThreads() ? ", virtual threads" : "";
	}

	/** The application's {@code @WorkflowTaskExecutor}, or a pool of the engine's own. */
	private TaskExecutor poolExecutor() {
		if (this.applicationExecutor != null) {
			return this.applicationExecutor;
		}
		if (this.settings.virtualThreads()) {
			SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
			scheduler.setVirtualThreads(true);
			scheduler.setThreadNamePrefix("workflow-");
			this.scheduler = scheduler;
			return scheduler;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(this.settings.maxParallelism());
		scheduler.setThreadNamePrefix("workflow-");
		scheduler.initialize();
		this.scheduler = scheduler::shutdown;
		return scheduler;
	}

	/**
	 * Stops claiming, drains this node's runs (renewing their leases meanwhile), then
	 * stops.
	 */
	@Override
	public void stop() {
		this.running = false;
		ScheduledFuture<?> polling = this.polling;
		if (polling != null) {
			polling.cancel(false);
		}
		this.dispatcher.shutdown();
		ScheduledExecutorService timer = this.timer;
		if (timer != null) {
			timer.shutdownNow();
		}
		this.watches.stop();
		AutoCloseable scheduler = this.scheduler;
		if (scheduler != null) {
			try {
				scheduler.close();
			}
			catch (Exception ex) {
				logger.warn("Cannot stop the workflow pool", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public EngineStatus status() {
		return this.dispatcher.status(this.running);
	}

	@Override
	public AutoCloseable watch(WorkflowId id, Runnable listener) {
		return this.watches.watch(id.value(), listener);
	}

	/**
	 * Replays an exported journal against the registered code, running and writing
	 * nothing; see {@link io.durable.workflow.test.WorkflowReplayer#replay}.
	 */
	public void replay(String journalJson) {
		JournalExport.Run run = JournalExport.read(journalJson);
		if (this.registry.find(run.workflow()) == null) {
			throw new IllegalArgumentException(
					"The journal is of workflow '" + run.workflow() + "', which this application does not register");
		}
		this.executor.replay(new RunTask(
				new ClaimedRun(run.id(), run.workflow(), run.arguments(), null, null, null, null, null, null, false),
				this.clock.now()), run.steps(), run.state() == WorkflowState.FAILED);
	}

	@Override
	public Map<WorkflowState, Long> countByState() {
		return this.journal.queries().countByState();
	}

	@Override
	public List<RunsInMinute> runsPerMinute(Instant from) {
		return this.journal.queries().runsPerMinute(from);
	}

	@Override
	public List<NodeHolding> nodes() {
		return this.journal.queries().nodes();
	}

	@Override
	public List<String> queueNames() {
		return this.settings.queues().all().stream().map(WorkflowQueues.Queue::name).toList();
	}

	@Override
	public List<QueueStatus> queues() {
		Instant now = this.clock.now();
		Map<String, QueueStore.QueueCounts> counts = new LinkedHashMap<>(this.journal.queues().counts(now));
		List<QueueStatus> queues = new ArrayList<>();
		for (WorkflowQueues.Queue queue : this.settings.queues().all()) {
			QueueStore.QueueCounts runs = Objects.requireNonNullElse(counts.remove(queue.name()),
					QueueStore.QueueCounts.NONE);
			queues.add(new QueueStatus(queue.name(), queue.limits().concurrency(), queue.perNodeConcurrency(),
					queue.limits().rateLimit(), queue.limits().ratePeriod(), queue.workflows(), runs,
					longestWait(runs, now), true));
		}
		counts.forEach((name, runs) -> queues
			.add(new QueueStatus(name, null, null, null, null, List.of(), runs, longestWait(runs, now), false)));
		return queues;
	}

	private static Duration longestWait(QueueStore.QueueCounts runs, Instant now) {
		return (runs.oldestDue() != null) ? Duration.between(runs.oldestDue(), now) : Duration.ZERO;
	}

	/**
	 * Warns of runs in progress of queues this node does not configure: no node without
	 * such a queue claims them.
	 */
	private void warnOfUnconfiguredQueues() {
		for (QueueStatus queue : queues()) {
			if (!queue.configured()) {
				logger.warn("Queue '" + queue.name() + "', which this node does not configure, holds "
						+ queue.runs().inProgress() + " workflow runs in progress: they wait until a node configures"
						+ " it under workflow.queues." + queue.name());
			}
		}
	}

	@Override
	public List<ListedEvent> events(WorkflowId id, int limit) {
		return this.journal.events().list(id.value(), limit);
	}

	@Override
	public JournalStatistics statistics() {
		return this.journal.queries().statistics(this.clock.now(), this.registry.names());
	}

	/**
	 * Follows a test clock: keeps this node's leases across its moves, wakes what became
	 * due.
	 */
	private final class TestClockParticipant implements WorkflowTestClock.Participant {

		@Override
		public void timeMoving(Instant time) {
			if (WorkflowEngine.this.running) {
				WorkflowEngine.this.dispatcher.renewLeasesAt(time.truncatedTo(ChronoUnit.MICROS));
			}
		}

		@Override
		public void timeMoved() {
			ScheduledExecutorService current = WorkflowEngine.this.timer;
			if (current == null || !WorkflowEngine.this.running) {
				return;
			}
			try {
				current.execute(new GuardedTask("wake due workflow runs", () -> {
					WorkflowEngine.this.timers.fireDue();
					WorkflowEngine.this.poll();
				}));
			}
			catch (RejectedExecutionException ex) {
				// Stopping.
			}
		}

		@Override
		public boolean isWaiting(WorkflowId id) {
			List<RunPosition> family = WorkflowEngine.this.journal.queries().findPositions(id.value());
			if (family.isEmpty()) {
				throw WorkflowNotFoundException.run(id);
			}
			RunPosition run = family.get(0);
			if (run.state() != WorkflowState.IN_PROGRESS) {
				throw new IllegalStateException(
						"Workflow run '" + id.value() + "' has finished (" + run.state() + "): it waits for nothing");
			}
			return waits(family, WorkflowEngine.this.clock.now());
		}

		/**
		 * Whether the run (first) waits, and each of its children in progress with
		 * theirs.
		 */
		private boolean waits(List<RunPosition> family, Instant now) {
			if (family.isEmpty() || family.get(0).state() != WorkflowState.IN_PROGRESS) {
				return true;
			}
			return waits(family.get(0), now) && family.stream()
				.skip(1)
				.allMatch((child) -> waits(WorkflowEngine.this.journal.queries().findPositions(child.id()), now));
		}

		private boolean waits(RunPosition run, Instant now) {
			if (run.owner() == null) {
				return run.dueAt() == null || run.dueAt().isAfter(now);
			}
			return run.owner().equals(WorkflowEngine.this.settings.nodeId())
					&& WorkflowEngine.this.dispatcher.isAsleep(run.id());
		}

	}

}
