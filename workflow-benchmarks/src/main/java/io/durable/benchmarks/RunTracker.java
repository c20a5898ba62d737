package io.durable.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.WorkflowId;

import org.springframework.stereotype.Component;

/**
 * What the harness sees from inside the benchmark workflows, without asking the database:
 * when each run's first step ran ({@link System#nanoTime()}), and how many workflow
 * bodies have finished. Measures nothing itself; the scenarios read it.
 */
@Component
public class RunTracker {

	private final Map<WorkflowId, Long> firstSteps = new ConcurrentHashMap<>();

	private final Semaphore finishedBodies = new Semaphore(0);

	void firstStepRan(WorkflowId id) {
		this.firstSteps.put(id, System.nanoTime());
	}

	void bodyFinished() {
		this.finishedBodies.release();
	}

	/**
	 * When the first step of a run ran, forgetting it.
	 * @param id the run
	 * @return the {@link System#nanoTime()} of the first step
	 */
	long takeFirstStep(WorkflowId id) {
		Long nanos = this.firstSteps.remove(id);
		if (nanos == null) {
			throw new IllegalStateException("The first step of run " + id + " has not run");
		}
		return nanos;
	}

	/** Forgets everything seen so far: call while no benchmark workflow runs. */
	void reset() {
		this.firstSteps.clear();
		this.finishedBodies.drainPermits();
	}

	/**
	 * Waits until {@code count} workflow bodies have finished since the last
	 * {@link #reset()}.
	 * @param count the number of bodies
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException if they did not finish in time
	 */
	void awaitFinishedBodies(int count, Duration timeout) throws InterruptedException {
		if (!this.finishedBodies.tryAcquire(count, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			throw new IllegalStateException("Only " + this.finishedBodies.availablePermits() + " of " + count
					+ " workflows finished within " + timeout);
		}
	}

}
