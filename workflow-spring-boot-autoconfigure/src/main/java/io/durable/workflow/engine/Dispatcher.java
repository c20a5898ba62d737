package io.durable.workflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.journal.ClaimedRun;
import io.durable.workflow.journal.JournalStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Hands runs to this node's workflow pool: fresh starts right after their commit, and due runs
 * it claims from the journal (runs whose lease ran out on a dead node, or that were released)
 * as long as the pool has room.
 */
final class Dispatcher {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final WorkflowExecutor executor;

	private final JournalStore store;

	private final WorkflowRegistry registry;

	private final LeaseKeeper leases;

	private final Clock clock;

	private final EngineSettings settings;

	private volatile @Nullable ScheduledExecutorService timer;

	private volatile @Nullable ThreadPoolExecutor pool;

	private final Map<String, RunTask> inFlight = new ConcurrentHashMap<>();

	Dispatcher(WorkflowExecutor executor, JournalStore store, WorkflowRegistry registry, LeaseKeeper leases,
			Clock clock, EngineSettings settings) {
		this.executor = executor;
		this.store = store;
		this.registry = registry;
		this.leases = leases;
		this.clock = clock;
		this.settings = settings;
	}

	/** Starts the pool; {@code timer} runs delayed retries. */
	void start(ScheduledExecutorService timer) {
		this.timer = timer;
		this.pool = new ThreadPoolExecutor(this.settings.maxParallelism(), this.settings.maxParallelism(), 60,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new CustomizableThreadFactory("workflow-"));
	}

	/** Runs a task this node holds the lease of; a run already in flight here is not run twice. */
	void dispatch(RunTask task) {
		if (this.inFlight.putIfAbsent(task.id, task) != null) {
			return;
		}
		task.markDispatched(this.clock.instant());
		submit(task);
	}

	private void submit(RunTask task) {
		ThreadPoolExecutor current = this.pool;
		try {
			if (current == null) {
				throw new RejectedExecutionException("The workflow engine is not running");
			}
			current.execute(new Turn(task));
		}
		catch (RejectedExecutionException ex) {
			// Not running here: any node (this one once started) claims it right away.
			release(task);
		}
	}

	/** Claims due runs up to the pool's free capacity. */
	void poll() {
		int free = this.settings.maxParallelism() - this.inFlight.size();
		if (free <= 0) {
			return;
		}
		Instant now = this.clock.instant();
		List<ClaimedRun> claimed = this.store.claimDue(this.registry.names(), this.settings.nodeId(), now,
				this.leases.leaseUntil(now), free);
		for (ClaimedRun run : claimed) {
			logger.info("Resuming workflow '" + run.name() + "' (run '" + run.id() + "')");
			dispatch(new RunTask(run.id(), run.name(), run.args(), now));
		}
	}

	boolean holdsRuns() {
		return !this.inFlight.isEmpty();
	}

	/**
	 * Stops taking work: releases the runs still queued, so other nodes take them at once, and
	 * waits for running turns up to the shutdown timeout. Runs still running after that keep
	 * their lease until it runs out.
	 */
	void shutdown() {
		ThreadPoolExecutor current = this.pool;
		if (current == null) {
			return;
		}
		List<Runnable> queued = new ArrayList<>();
		current.getQueue().drainTo(queued);
		current.shutdown();
		for (Runnable turn : queued) {
			release(((Turn) turn).task);
		}
		try {
			Duration timeout = this.settings.shutdownTimeout();
			if (!current.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn(current.getActiveCount() + " workflow turns still running after " + timeout
						+ "; their runs resume elsewhere once their leases run out");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void release(RunTask task) {
		this.inFlight.remove(task.id);
		try {
			this.store.releaseRun(task.id, this.settings.nodeId(), this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot release workflow run '" + task.id + "'; it resumes once its lease runs out", ex);
		}
	}

	private void retryLater(RunTask task) {
		this.inFlight.put(task.id, task);
		ScheduledExecutorService current = this.timer;
		try {
			if (current == null) {
				throw new RejectedExecutionException("The workflow engine is not running");
			}
			current.schedule(() -> submit(task), this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			release(task);
		}
	}

	private final class Turn implements Runnable {

		private final RunTask task;

		Turn(RunTask task) {
			this.task = task;
		}

		@Override
		public void run() {
			WorkflowExecutor.Outcome outcome;
			try {
				outcome = Dispatcher.this.executor.execute(this.task);
			}
			catch (RuntimeException | Error ex) {
				logger.error("Workflow run '" + this.task.id + "' could not be executed", ex);
				outcome = WorkflowExecutor.Outcome.DONE;
			}
			switch (outcome) {
				case DONE -> Dispatcher.this.inFlight.remove(this.task.id);
				case RETRY -> retryLater(this.task.resumed());
				case RELEASE -> release(this.task);
			}
		}

	}

}
