package io.durable.workflow.engine;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.journal.JournalStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workflow engine of this node: the pool that runs workflow turns, the loop that claims due
 * runs, and the lease renewal. Starts last and stops first, so that runs are released before the
 * application's other beans (its data source among them) go away.
 *
 * <p>Internal API: it may change in any release.
 */
public final class WorkflowEngine implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WorkflowEngine.class);

	final EngineSettings settings;

	final Clock clock;

	final JournalStore store;

	final PayloadCodec codec;

	final WorkflowRegistry registry;

	final LeaseKeeper leases;

	final CompletionSignals signals = new CompletionSignals();

	final WorkflowExecutor executor;

	final Dispatcher dispatcher;

	private @Nullable ScheduledExecutorService timer;

	private @Nullable ScheduledFuture<?> polling;

	private volatile boolean running;

	public WorkflowEngine(EngineSettings settings, Clock clock, JournalStore store, PayloadCodec codec,
			WorkflowRegistry registry, PlatformTransactionManager transactionManager, BeanFactory beanFactory) {
		this.settings = settings;
		this.clock = clock;
		this.store = store;
		this.codec = codec;
		this.registry = registry;
		this.leases = new LeaseKeeper(store, clock, settings.nodeId(), settings.leaseDuration());
		TransactionTemplate stepTransactions = new TransactionTemplate(transactionManager);
		stepTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.executor = new WorkflowExecutor(beanFactory, registry, store, codec, stepTransactions, clock, this.leases,
				this.signals, settings.nodeId());
		this.dispatcher = new Dispatcher(this.executor, store, registry, this.leases, clock, settings);
	}

	/** Starts the pool, the claim loop and lease renewal; also after a {@link #stop()}. */
	@Override
	public void start() {
		CustomizableThreadFactory timerThreads = new CustomizableThreadFactory("workflow-timer-");
		timerThreads.setDaemon(true);
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(timerThreads);
		this.timer = timer;
		this.dispatcher.start(timer);
		long poll = this.settings.pollInterval().toMillis();
		long renew = this.leases.renewalInterval().toMillis();
		this.polling = timer.scheduleWithFixedDelay(guarded("claim due workflow runs", this.dispatcher::poll), 0, poll,
				TimeUnit.MILLISECONDS);
		timer.scheduleAtFixedRate(
				guarded("renew workflow leases", () -> this.leases.renew(this.dispatcher.holdsRuns())), renew, renew,
				TimeUnit.MILLISECONDS);
		this.running = true;
		guarded("check the database's durability", () -> {
			String warning = this.store.durabilityWarning();
			if (warning != null) {
				logger.warn(warning);
			}
		}).run();
		logger.info("Workflow engine started on node '" + this.settings.nodeId() + "' (max parallelism "
				+ this.settings.maxParallelism() + ")");
	}

	/** Stops claiming, drains this node's runs (renewing their leases meanwhile), then stops. */
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
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static Runnable guarded(String task, Runnable action) {
		return () -> {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not " + task + "; trying again", ex);
			}
		};
	}

}
