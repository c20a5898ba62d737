package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.EngineSettings;
import io.durable.workflow.engine.EngineStatus;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.engine.execution.TurnOutcome;
import io.durable.workflow.engine.execution.WorkflowExecutor;
import io.durable.workflow.journal.ClaimedRun;
import io.durable.workflow.journal.Journal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hands runs to this node's workflow pool: fresh starts right after their commit, due
 * runs it claims from the journal (runs of a dead node, released runs, runs waking up) as
 * long as the pool has room, and the next turns of runs that waited. A run waiting up to
 * a lease duration stays leased and in memory; a longer wait releases it to whichever
 * node polls when it is due.
 */
public final class Dispatcher implements DispatchPort {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final RunClaims claims;

	private final LeaseKeeper leases;

	private final EngineClock clock;

	private final EngineSettings settings;

	private final WakeTimers timers;

	private final CompletionSignals signals;

	private final ParkedRuns parked;

	/** The runs this node holds: queued, running, or waiting in memory. */
	private final Map<String, RunTask> held = new ConcurrentHashMap<>();

	private final Set<String> executing = ConcurrentHashMap.newKeySet();

	/**
	 * How many runs this node has dispatched: a lease renewal stops only the runs
	 * dispatched before it began, whose rows it saw.
	 */
	private final AtomicLong dispatches = new AtomicLong();

	/**
	 * The runs the last lease renewal found this node owning in the journal without
	 * holding them here: a release that failed leaves a run so, and the renewals would
	 * keep its lease (and its queue's place) forever. Given back once a second renewal in
	 * a row finds one so: a claim holds its runs here moments after they are its.
	 */
	private Set<String> strays = Set.of();

	/**
	 * The runs held here that wait in memory for a time: nothing of them runs until it
	 * comes.
	 */
	private final Set<String> asleep = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ScheduledExecutorService timer;

	private volatile @Nullable WorkflowPool pool;

	/** What runs the turns, from the first start on. */
	private volatile @Nullable WorkflowExecutor executor;

	private volatile @Nullable Instant lastPoll;

	/** Takes dead nodes' runs over at once; {@code null} if off. */
	private final @Nullable FastTakeover takeover;

	private final QueueClaims queues;

	public Dispatcher(Journal journal, WorkflowRegistry registry, LeaseKeeper leases, EngineClock clock,
			EngineSettings settings, WakeTimers timers, CompletionSignals signals) {
		this.claims = new RunClaims(journal, registry, leases, settings.nodeId());
		this.leases = leases;
		this.clock = clock;
		this.settings = settings;
		this.timers = timers;
		this.signals = signals;
		this.parked = new ParkedRuns(this.claims, clock, settings.divergenceRetry());
		this.queues = new QueueClaims(settings.queues(), this.claims, clock);
		this.takeover = settings.fastTakeover() ? new FastTakeover(journal.leases().liveness(settings.nodeId()),
				settings.nodeId(), settings.pollInterval()) : null;
	}

	/**
	 * Starts dispatching turns to the pool, which the executor runs.
	 * @param pool where turns and parallel steps run
	 * @param timer runs delayed retries
	 * @param executor runs each turn
	 */
	public void start(WorkflowPool pool, ScheduledExecutorService timer, WorkflowExecutor executor) {
		this.timer = timer;
		this.executor = executor;
		this.pool = pool;
		executor.usePool(pool);
	}

	/** Tries the parked runs of the workflows this node knows again, at once. */
	public void retryParked() {
		this.parked.retryAll();
	}

	/**
	 * Runs a task this node holds the lease of; a run already held here is not run twice.
	 */
	public void dispatch(RunTask task) {
		if (hold(task)) {
			submit(task);
		}
	}

	/** Runs a task this node holds the lease of at the given time. */
	public void dispatchAt(RunTask task, Instant at) {
		if (hold(task)) {
			sleep(task, at);
		}
	}

	private void sleep(RunTask task, Instant until) {
		this.asleep.add(task.id());
		this.timers.schedule(until, () -> {
			this.asleep.remove(task.id());
			submit(task);
		});
	}

	/** Whether this node holds the run and it waits in memory for a time. */
	public boolean isAsleep(String id) {
		return this.asleep.contains(id) && this.held.containsKey(id);
	}

	private boolean hold(RunTask task) {
		if (this.held.putIfAbsent(task.id(), task) != null) {
			return false;
		}
		this.asleep.remove(task.id());
		this.leases.forget(task.id());
		this.signals.forget(task.id());
		task.markDispatched(this.clock.now(), this.dispatches.incrementAndGet());
		return true;
	}

	private void submit(RunTask task) {
		if (this.leases.isRevoked(task.id())) {
			this.held.remove(task.id(), task);
			return;
		}
		WorkflowPool current = this.pool;
		this.held.put(task.id(), task);
		try {
			if (current == null) {
				throw new RejectedExecutionException("The workflow engine is not running");
			}
			current.submit(new Turn(task));
		}
		catch (RejectedExecutionException ex) {
			// Not running here: any node (this one once started) claims it right away.
			release(task, this.clock.now());
		}
	}

	/** Claims due runs up to the pool's free capacity; a full pool claims none. */
	public void poll() {
		Instant now = this.clock.now();
		FastTakeover fast = this.takeover;
		if (fast != null && this.pool != null) {
			fast.tick(now, () -> Set.copyOf(this.held.keySet()), this::revoke);
		}
		WorkflowPool current = this.pool;
		int free = (current != null) ? current.freeCapacity() : 0;
		List<ClaimedRun> claimed = (free > 0) ? this.claims.claimDue(now, free) : List.of();
		for (ClaimedRun run : claimed) {
			logger.debug("Resuming workflow '" + run.name() + "' (run '" + run.id() + "')");
			dispatch(new RunTask(run, now));
		}
		this.queues.claimAll(this::freeCapacity, this::heldIn, this::dispatchQueued);
		this.lastPoll = now;
	}

	/**
	 * Claims the due runs of a named queue as far as its limits and this node's pool
	 * leave room, and runs them here.
	 */
	public void claimQueue(String queue) {
		this.queues.claim(queue, this::freeCapacity, this::heldIn, this::dispatchQueued);
	}

	private int freeCapacity() {
		WorkflowPool current = this.pool;
		return (current != null) ? current.freeCapacity() : 0;
	}

	/**
	 * How many runs of a queue this node holds: they count against its per-node limit.
	 */
	private int heldIn(String queue) {
		return (int) this.held.values().stream().filter((task) -> queue.equals(task.queue())).count();
	}

	private void dispatchQueued(ClaimedRun run) {
		dispatch(new RunTask(run, this.clock.now()));
	}

	/** Renews this node's leases, and stops the runs it turns out no longer to hold. */
	public void renewLeases() {
		long seen = this.dispatches.get();
		Set<String> stillHeld = this.leases.renew(!this.held.isEmpty());
		if (stillHeld != null) {
			revokeLost(stillHeld, seen);
			releaseStrays(stillHeld);
		}
	}

	/** Renews this node's leases as of a time a test clock is about to show. */
	public void renewLeasesAt(Instant time) {
		long seen = this.dispatches.get();
		Set<String> stillHeld = this.leases.renewAt(time);
		revokeLost(stillHeld, seen);
		releaseStrays(stillHeld);
	}

	/**
	 * Gives back the runs two renewals in a row found this node owning but not holding.
	 */
	private synchronized void releaseStrays(Set<String> owned) {
		Set<String> found = new HashSet<>();
		for (String id : owned) {
			if (this.held.containsKey(id)) {
				continue;
			}
			if (this.strays.contains(id)) {
				logger.info("Workflow run '" + id + "' is this node's in the journal but not running here (giving it"
						+ " back failed before); it is given back now");
				this.claims.release(id, this.clock.now());
			}
			else {
				found.add(id);
			}
		}
		this.strays = found;
	}

	/**
	 * Stops the runs dispatched before a renewal began (up to dispatch {@code seen}) that
	 * it found this node no longer holds.
	 */
	private void revokeLost(Set<String> stillHeld, long seen) {
		for (RunTask task : List.copyOf(this.held.values())) {
			if (!stillHeld.contains(task.id()) && task.dispatch() <= seen) {
				logger.info("Workflow run '" + task.id() + "' was canceled or taken over; this node stops running it");
				revoke(task.id());
			}
		}
	}

	/** Stops running a run here at once: no further step of it starts on this node. */
	void revoke(String id) {
		this.leases.revoke(id);
		if (!this.executing.contains(id)) {
			this.held.remove(id);
		}
	}

	/**
	 * Stops the runs just ended (committed) that this node holds, at once, and hands
	 * their outcome to callers waiting here: a step of one running here finishes, but
	 * journals nothing.
	 */
	@Override
	public void ended(Collection<String> ids, RunOutcome outcome) {
		for (String id : ids) {
			// Only a run held here has a turn or a timer here to stop.
			if (this.held.containsKey(id)) {
				revoke(id);
			}
			this.signals.signal(id, outcome);
		}
	}

	/** What this node's dispatcher is doing now. */
	public EngineStatus status(boolean running) {
		WorkflowPool current = this.pool;
		return new EngineStatus(this.settings.nodeId(), running, this.lastPoll, this.settings.maxParallelism(),
				(current != null) ? current.running() : 0, (current != null) ? current.queued() : 0,
				this.executing.size());
	}

	/**
	 * Whether this node holds the run and goes on with it: then its outcome is signalled
	 * here, after the run has left this set. A revoked run (canceled, or taken over) may
	 * still be finishing a step here, but its outcome was recorded elsewhere.
	 */
	@Override
	public boolean holds(String id) {
		return this.held.containsKey(id) && !this.leases.isRevoked(id);
	}

	private void finished(RunTask task, TurnOutcome outcome) {
		if (outcome instanceof TurnOutcome.Suspended suspended) {
			if (suspended.parallel() != null) {
				suspended.parallel().whenComplete((done, ex) -> resumeLater(task, suspended));
			}
			else {
				resumeLater(task, suspended);
			}
		}
		else if (outcome instanceof TurnOutcome.Retry retry) {
			if (retry.delay() != null) {
				retryLater(task.afterCompletionFailure(), retry.delay());
			}
			else {
				RunTask next = task.afterFault();
				retryLater(next, next.faultBackoff());
			}
		}
		else if (outcome instanceof TurnOutcome.Parked parking) {
			this.parked.park(task.id(), parking,
					() -> this.held.remove(task.id(), task) && !this.leases.isRevoked(task.id()));
		}
		else if (outcome == TurnOutcome.RELEASE) {
			release(task, this.clock.now());
		}
		else if (outcome instanceof TurnOutcome.Finished finished) {
			this.held.remove(task.id());
			this.parked.forget(task.id());
			this.signals.finished(task.id(), finished.outcome(), this.held::containsKey);
			ended(finished.canceledChildren(), new RunOutcome(WorkflowState.CANCELED, null, null));
			if (task.parentId() != null) {
				wake(task.parentId());
			}
		}
		// A run that left this node leaves room in its queue.
		if (task.queue() != null && !this.held.containsKey(task.id())) {
			claimQueue(task.queue());
		}
	}

	private void resumeLater(RunTask task, TurnOutcome.Suspended suspended) {
		Instant wakeAt = suspended.wakeAt();
		if (suspended.external()) {
			releaseWaiting(task, wakeAt, suspended.seenSignals());
			return;
		}
		// A run of a queue waits holding no room in it.
		if (wakeAt != null && (task.queue() != null
				|| Duration.between(this.clock.now(), wakeAt).compareTo(this.settings.leaseDuration()) > 0)) {
			release(task, wakeAt);
			return;
		}
		RunTask next = task.continued(suspended.journal().get());
		this.held.put(next.id(), next);
		if (wakeAt == null) {
			submit(next);
		}
		else {
			sleep(next, wakeAt);
		}
	}

	/**
	 * Releases a run waiting for something from outside: any node wakes it once that
	 * arrives or its deadline passes; if it arrived while the run was being released,
	 * this node takes it back.
	 */
	private void releaseWaiting(RunTask task, @Nullable Instant deadline, long seenSignals) {
		this.held.remove(task.id());
		if (this.claims.releaseWaiting(task.id(), deadline, seenSignals, this.clock.now())) {
			wake(task.id());
		}
	}

	/** Takes a run no node holds, if it is due, and runs it here. */
	@Override
	public void wake(String id) {
		if (this.pool == null || this.held.containsKey(id)) {
			return;
		}
		Instant now = this.clock.now();
		Optional<ClaimedRun> claimed = this.claims.claim(id, now);
		if (claimed.isPresent()) {
			dispatch(new RunTask(claimed.get(), now));
		}
		else if (!this.settings.queues().all().isEmpty()) {
			// A run of a queue is claimed with the queue's others, within its limits.
			this.claims.queueOf(id).ifPresent(this::claimQueue);
		}
	}

	private void retryLater(RunTask task, Duration delay) {
		this.held.put(task.id(), task);
		ScheduledExecutorService current = this.timer;
		try {
			if (current == null) {
				throw new RejectedExecutionException("The workflow engine is not running");
			}
			current.schedule(() -> submit(task), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			release(task, this.clock.now());
		}
	}

	/**
	 * Stops taking work: releases the runs not started and those waiting in memory, so
	 * that other nodes take them at once, and waits for running work up to the shutdown
	 * timeout. Runs still running after that keep their lease until it runs out.
	 */
	public void shutdown() {
		WorkflowPool current = this.pool;
		this.pool = null;
		WorkflowExecutor executor = this.executor;
		if (executor != null) {
			executor.usePool(null);
		}
		if (current == null) {
			return;
		}
		try {
			for (Runnable work : current.close(this.settings.shutdownTimeout())) {
				if (work instanceof Turn turn) {
					release(turn.task, this.clock.now());
				}
				else if (work instanceof WorkflowExecutor.ParallelStepWork step) {
					step.abandon();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.timers.clear();
		this.asleep.clear();
		if (this.takeover != null) {
			this.takeover.close();
		}
		for (RunTask task : List.copyOf(this.held.values())) {
			if (!this.executing.contains(task.id())) {
				release(task, this.clock.now());
			}
		}
	}

	private void release(RunTask task, Instant dueAt) {
		this.held.remove(task.id());
		this.claims.release(task.id(), dueAt);
	}

	private final class Turn implements Runnable {

		private final RunTask task;

		Turn(RunTask task) {
			this.task = task;
		}

		@Override
		public void run() {
			TurnOutcome outcome;
			Dispatcher.this.executing.add(this.task.id());
			try {
				// A turn is only submitted to a started pool, so the executor is known.
				WorkflowExecutor executor = Dispatcher.this.executor;
				outcome = (executor != null) ? executor.execute(this.task) : TurnOutcome.RELEASE;
			}
			catch (RuntimeException | Error ex) {
				logger.error("Workflow run '" + this.task.id() + "' could not be executed", ex);
				outcome = TurnOutcome.RELEASE;
			}
			finally {
				Dispatcher.this.executing.remove(this.task.id());
			}
			finished(this.task, outcome);
		}

	}

}
