package io.durable.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.durable.workflow.WorkflowClient;

/**
 * Throughput: how many workflows of K steps the engine completes per second when N of
 * them are started as fast as a few starter threads can, from the first {@code start}
 * call until the last run is committed as completed; and how many transactions PostgreSQL
 * commits per workflow ({@code pg_stat_database.xact_commit} before and after). The
 * {@code parallel} variant runs workflows fanning out K steps at once instead of a chain
 * of K.
 *
 * <p>
 * Completion is observed without adding commits: the workflow bodies count themselves in
 * memory, and then the probe (whose reads are rolled back) waits until no run of this
 * scenario is in progress in the journal.
 */
final class ThroughputScenario {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final WorkflowClient client;

	private final RunTracker tracker;

	private final DatabaseProbe probe;

	ThroughputScenario(WorkflowClient client, RunTracker tracker, DatabaseProbe probe) {
		this.client = client;
		this.tracker = tracker;
		this.probe = probe;
	}

	/** The figures of one run of the scenario. */
	record Result(String scenario, int workflows, int steps, double workflowsPerSecond, double stepsPerSecond,
			Double commitsPerWorkflow) {

		ResultLine line() {
			return new ResultLine().add("scenario", this.scenario)
				.add("workflows", this.workflows)
				.add((this.scenario.equals("parallel") ? "width" : "steps"), this.steps)
				.add("wf_per_s", ResultLine.decimal(this.workflowsPerSecond, 1))
				.add("steps_per_s", ResultLine.decimal(this.stepsPerSecond, 1))
				.add("commits_per_wf", commits());
		}

		String commits() {
			return (this.commitsPerWorkflow != null) ? ResultLine.decimal(this.commitsPerWorkflow, 2) : "n/a";
		}

	}

	Result run(int workflows, int steps, int starters) throws Exception {
		return measure("throughput", workflows, steps, starters, chains(steps));
	}

	Result runParallel(int workflows, int width, int starters) throws Exception {
		return measure("parallel", workflows, width, starters, fanOuts(width));
	}

	/**
	 * Runs the scenario unmeasured: without the settling reads of the commit count around
	 * it.
	 */
	void warmUp(int workflows, int steps, int starters) throws Exception {
		runAll(workflows, starters, chains(steps));
	}

	/** Runs the parallel scenario unmeasured. */
	void warmUpParallel(int workflows, int width, int starters) throws Exception {
		runAll(workflows, starters, fanOuts(width));
	}

	private Runnable chains(int steps) {
		return () -> this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.run(steps));
	}

	private Runnable fanOuts(int width) {
		return () -> this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.fanOut(width));
	}

	private Result measure(String scenario, int workflows, int steps, int starters, Runnable start) throws Exception {
		OptionalLong commitsBefore = this.probe.committedTransactions();
		long elapsed = runAll(workflows, starters, start);
		OptionalLong commitsAfter = this.probe.committedTransactions();
		double seconds = elapsed / 1e9;
		Double commits = (commitsBefore.isPresent() && commitsAfter.isPresent())
				? (commitsAfter.getAsLong() - commitsBefore.getAsLong()) / (double) workflows : null;
		return new Result(scenario, workflows, steps, workflows / seconds, (double) workflows * steps / seconds,
				commits);
	}

	/**
	 * Starts the workflows and waits until the last one is committed as finished.
	 * @return the nanoseconds from the first start until then
	 * @throws IllegalStateException if any of them failed
	 */
	private long runAll(int workflows, int starters, Runnable start) throws Exception {
		this.tracker.reset();
		Instant since = Instant.now();
		long began = System.nanoTime();
		startAll(workflows, starters, start);
		this.tracker.awaitFinishedBodies(workflows, TIMEOUT);
		awaitJournal(since);
		long elapsed = System.nanoTime() - began;
		int failed = this.probe.runs("FAILED", since);
		if (failed > 0) {
			throw new IllegalStateException(failed + " benchmark workflows failed; see the log");
		}
		this.tracker.reset();
		return elapsed;
	}

	/**
	 * Starts the workflows from {@code starters} threads taking turns from one counter.
	 */
	static void startAll(int workflows, int starters, Runnable start) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(starters);
		try {
			AtomicInteger next = new AtomicInteger();
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < starters; i++) {
				done.add(threads.submit(() -> {
					while (next.getAndIncrement() < workflows) {
						start.run();
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Waits for the final commits of the runs whose bodies have finished. */
	private void awaitJournal(Instant since) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.probe.runs("IN_PROGRESS", since) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Benchmark workflows still in progress after " + TIMEOUT);
			}
			Thread.sleep(1);
		}
	}

}
