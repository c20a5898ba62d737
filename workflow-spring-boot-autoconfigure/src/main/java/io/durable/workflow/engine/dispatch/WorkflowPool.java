package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.TaskExecutor;

/**
 * Runs workflow turns and parallel steps on the engine's task scheduler, at most
 * {@code max-parallelism} at once: work beyond that waits in a queue and is taken up, in
 * order, by the threads finishing theirs. No work ever waits for other work on a pool
 * thread (a workflow waiting for its parallel steps suspends), so no limit can deadlock
 * the pool.
 */
public final class WorkflowPool {

	private static final Log logger = LogFactory.getLog(WorkflowPool.class);

	private final TaskExecutor scheduler;

	private final int limit;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

	private int running;

	private boolean closed;

	public WorkflowPool(TaskExecutor scheduler, int limit) {
		this.scheduler = scheduler;
		this.limit = limit;
	}

	/**
	 * Runs the work as soon as fewer than the limit run.
	 * @throws RejectedExecutionException once the pool is closed
	 */
	public void submit(Runnable work) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new RejectedExecutionException("The workflow pool is closed");
			}
			if (this.running >= this.limit) {
				this.queue.add(work);
				return;
			}
			this.running++;
		}
		finally {
			this.lock.unlock();
		}
		this.scheduler.execute(() -> runFrom(work));
	}

	private void runFrom(Runnable first) {
		Runnable work = first;
		while (work != null) {
			try {
				work.run();
			}
			catch (RuntimeException | Error ex) {
				logger.error("Workflow work failed", ex);
			}
			this.lock.lock();
			try {
				work = this.closed ? null : this.queue.poll();
				if (work == null) {
					this.running--;
					this.idle.signalAll();
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** How much work runs now. */
	int running() {
		this.lock.lock();
		try {
			return this.running;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How much work waits for a thread. */
	int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How much more work would start at once. */
	int freeCapacity() {
		this.lock.lock();
		try {
			return this.limit - this.running - this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stops taking work and waits, up to the timeout, for the work running.
	 * @return the work that had not started
	 */
	List<Runnable> close(Duration timeout) throws InterruptedException {
		this.lock.lock();
		try {
			this.closed = true;
			List<Runnable> waiting = new ArrayList<>(this.queue);
			this.queue.clear();
			long nanos = timeout.toNanos();
			while (this.running > 0 && nanos > 0) {
				nanos = this.idle.awaitNanos(nanos);
			}
			if (this.running > 0) {
				logger.warn(this.running + " workflow turns or steps still running after " + timeout
						+ "; their runs resume elsewhere once their leases run out");
			}
			return waiting;
		}
		finally {
			this.lock.unlock();
		}
	}

}
