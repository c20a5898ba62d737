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
 * of K; the {@code starters} variant the same chains from a given number of threads; the
 * {@code cold} one starts chains for a fixed time on an engine that has run nothing yet.
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
	record Result(String scenario, int workflows, int steps, int starters, double workflowsPerSecond,
			double stepsPerSecond, Double commitsPerWorkflow, Double planShare) {

		/**
		 * The line of this run.
		 * @param commit the run's plain commit time (p50), in nanoseconds
		 */
		ResultLine line(long commit) {
			return new ResultLine().add("scenario", this.scenario)
				.add("workflows", this.workflows)
				.add((this.scenario.equals("parallel") ? "width" : "steps"), this.steps)
				.add("starters", this.starters)
				.add("wf_per_s", ResultLine.decimal(this.workflowsPerSecond, 1))
				.add("steps_per_s", ResultLine.decimal(this.stepsPerSecond, 1))
				.add("commits_per_wf", commits())
				.add("wf_per_commit", ResultLine.perCommit(this.workflowsPerSecond, commit))
				.add("plan_pct", (this.planShare != null) ? ResultLine.decimal(100 * this.planShare, 1) : "n/a");
		}

		String commits() {
			return (this.commitsPerWorkflow != null) ? ResultLine.decimal(this.commitsPerWorkflow, 2) : "n/a";
		}

	}

	Result run(int workflows, int steps, int starters) throws Exception {
		return measure("throughput", workflows, steps, starters, chains(steps));
	}

	/** The throughput scenario from the given number of starting threads. */
	Result runStarters(int workflows, int steps, int starters) throws Exception {
		return measure("starters", workflows, steps, starters, chains(steps));
	}

	Result runParallel(int workflows, int width, int starters) throws Exception {
		return measure("parallel", workflows, width, starters, fanOuts(width));
	}

	/**
	 * Starts chains for the given time, then waits for them: what an application that has
	 * run nothing yet does in its first seconds, while the JIT compiler is busy with its
	 * code.
	 */
	Result runCold(Duration period, int steps, int starters) throws Exception {
		this.tracker.reset();
		Instant since = Instant.now();
		long began = System.nanoTime();
		int started = startAll(Integer.MAX_VALUE, period.toNanos(), starters, chains(steps));
		double seconds = awaitAll(started, since, began) / 1e9;
		return new Result("cold", started, steps, starters, started / seconds, (double) started * steps / seconds, null,
				null);
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
		double[] timesBefore = this.probe.statementTimes();
		long elapsed = runAll(workflows, starters, start);
		double[] timesAfter = this.probe.statementTimes();
		OptionalLong commitsAfter = this.probe.committedTransactions();
		double seconds = elapsed / 1e9;
		Double commits = (commitsBefore.isPresent() && commitsAfter.isPresent())
				? (commitsAfter.getAsLong() - commitsBefore.getAsLong()) / (double) workflows : null;
		Double planShare = null;
		if (timesBefore != null && timesAfter != null) {
			double planning = timesAfter[0] - timesBefore[0];
			double total = planning + timesAfter[1] - timesBefore[1];
			planShare = (total > 0) ? planning / total : null;
		}
		return new Result(scenario, workflows, steps, starters, workflows / seconds,
				(double) workflows * steps / seconds, commits, planShare);
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
		return awaitAll(workflows, since, began);
	}

	/**
	 * Waits until the workflows started since then are committed as finished.
	 * @return the nanoseconds from {@code began} until then
	 * @throws IllegalStateException if any of them failed
	 */
	private long awaitAll(int workflows, Instant since, long began) throws Exception {
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
		startAll(workflows, Long.MAX_VALUE, starters, start);
	}

	/**
	 * Starts up to {@code workflows} workflows for up to {@code period} nanoseconds, from
	 * {@code starters} threads taking turns from one counter.
	 * @return how many were started
	 */
	private static int startAll(int workflows, long period, int starters, Runnable start) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(starters);
		long began = System.nanoTime();
		try {
			AtomicInteger next = new AtomicInteger();
			AtomicInteger started = new AtomicInteger();
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < starters; i++) {
				done.add(threads.submit(() -> {
					while (System.nanoTime() - began < period && next.getAndIncrement() < workflows) {
						start.run();
						started.incrementAndGet();
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
			return started.get();
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
