package io.durable.workflow.engine.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.journal.Journal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The runs watched on this node (live status streams), and telling their watchers when
 * one changes: at once for a change made on this node; for changes made anywhere, through
 * PostgreSQL's notifications (one listening connection for all watched runs, while there
 * are any), or on other databases by telling every watcher once per poll interval to look
 * again. Listeners must be quick: they run on workflow threads and on the listening
 * thread.
 */
public final class RunWatches {

	private static final Log logger = LogFactory.getLog(RunWatches.class);

	/**
	 * How long a watch row lasts without renewal: a node that died stops being notified
	 * after this.
	 */
	private static final Duration WATCH_LEASE = Duration.ofMinutes(1);

	private final Journal journal;

	private final EngineClock clock;

	private final String nodeId;

	private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Listens for the database's notifications, while runs are watched (guarded by the
	 * lock).
	 */
	private @Nullable AutoCloseable database;

	private volatile @Nullable Boolean announced;

	private volatile Instant renewed = Instant.MIN;

	public RunWatches(Journal journal, EngineClock clock, String nodeId) {
		this.journal = journal;
		this.clock = clock;
		this.nodeId = nodeId;
	}

	/**
	 * Calls the listener whenever the run changes, until the returned handle is closed.
	 * @param id the run
	 * @param listener what to call
	 * @return stops watching
	 */
	public AutoCloseable watch(String id, Runnable listener) {
		this.lock.lock();
		try {
			Set<Runnable> watchers = this.listeners.computeIfAbsent(id, (key) -> ConcurrentHashMap.newKeySet());
			if (watchers.isEmpty() && announced()) {
				Instant now = this.clock.now();
				this.journal.watches().watch(id, this.nodeId, now.plus(WATCH_LEASE), now);
				listen();
			}
			watchers.add(listener);
		}
		finally {
			this.lock.unlock();
		}
		return () -> unwatch(id, listener);
	}

	private void unwatch(String id, Runnable listener) {
		this.lock.lock();
		try {
			Set<Runnable> watchers = this.listeners.get(id);
			if (watchers == null || !watchers.remove(listener) || !watchers.isEmpty()) {
				return;
			}
			this.listeners.remove(id);
			if (announced()) {
				this.journal.watches().unwatch(id, this.nodeId);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Tells the watchers of a run that it changed. */
	void changed(String id) {
		Set<Runnable> watchers = this.listeners.get(id);
		if (watchers != null) {
			watchers.forEach(Runnable::run);
		}
	}

	private void changedAll() {
		List.copyOf(this.listeners.keySet()).forEach(this::changed);
	}

	/**
	 * Once per poll interval: without notifications, every watcher looks again; with
	 * them, the watches are renewed well before they expire.
	 */
	public void tick() {
		if (this.listeners.isEmpty()) {
			return;
		}
		if (!announced()) {
			changedAll();
			return;
		}
		Instant now = this.clock.now();
		if (now.isAfter(this.renewed.plus(WATCH_LEASE.dividedBy(3)))) {
			this.journal.watches().renew(this.nodeId, now.plus(WATCH_LEASE));
			this.renewed = now;
		}
		this.lock.lock();
		try {
			// After a restart of the engine.
			listen();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Starts listening for the database's notifications, if not yet; with the lock held.
	 */
	private void listen() {
		if (this.database == null) {
			this.database = this.journal.watches().listen(this::changed, this::changedAll);
		}
	}

	/** Stops listening; the watches of this node expire on their own. */
	public void stop() {
		this.lock.lock();
		try {
			if (this.database != null) {
				this.database.close();
				this.database = null;
			}
		}
		catch (Exception ex) {
			logger.warn("Cannot stop listening for workflow changes", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean announced() {
		Boolean known = this.announced;
		if (known == null) {
			known = this.journal.watches().announcesChanges();
			this.announced = known;
		}
		return known;
	}

}
