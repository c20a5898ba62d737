package io.durable.benchmarks;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.journal.Journal;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the scenarios in order and prints one line each: first the settings (database, its
 * durability settings as read from the server, sizes, Java, cores), the time of a plain
 * commit on the database (what every figure moves with, and is also given as a multiple
 * of), the first seconds of the engine before anything warmed it up, then the warm-up
 * (rounds of the {@code --warmup} count of workflows concurrently, as many one at a time,
 * one growth round and a few fan-outs, until the JIT compiler has settled: its line tells
 * how many rounds it took), then throughput, the same from 1, 4 and 16 starting threads,
 * latency, the journal's statements of a workflow alone (the floor under latency), growth
 * and parallel, and last a summary of their headline figures.
 */
@Component
class Benchmark {

	/** Steps each workflow of the parallel scenario fans out. */
	static final int PARALLEL_WIDTH = 10;

	/**
	 * A warm-up round during which the JIT compiler worked for less than this share of it
	 * ends the warm-up.
	 */
	static final double SETTLED_JIT_SHARE = 0.05;

	/** The most warm-up rounds. */
	static final int MAX_WARMUP_ROUNDS = 10;

	/** The numbers of starting threads of the starters scenario. */
	static final int[] STARTERS = { 1, 4, 16 };

	private final DatabaseProbe probe;

	private final Environment environment;

	private final ThroughputScenario throughput;

	private final LatencyScenario latency;

	private final GrowthScenario growth;

	private final JournalFloorScenario floor;

	Benchmark(WorkflowClient client, RunTracker tracker, DatabaseProbe probe, Journal journal,
			Environment environment) {
		this.probe = probe;
		this.environment = environment;
		this.throughput = new ThroughputScenario(client, tracker, probe);
		this.latency = new LatencyScenario(client, tracker);
		this.growth = new GrowthScenario(client, tracker);
		this.floor = new JournalFloorScenario(journal);
	}

	void run(BenchmarkOptions options, PrintStream out) throws Exception {
		out.println(new ResultLine().add("db", options.db())
			.addAll(this.probe.settings())
			.add("workflows", options.workflows())
			.add("steps", options.steps())
			.add("java", System.getProperty("java.version"))
			.add("cores", Runtime.getRuntime().availableProcessors())
			// As in force, which a system property may have overridden.
			.add("max_parallelism", this.environment.getProperty("workflow.max-parallelism"))
			.add("pool_size", this.environment.getProperty("spring.datasource.hikari.maximum-pool-size"))
			.add("starters", options.starters()));
		out.flush();

		long[] commits = this.probe.commitTimes(options.latencySamples());
		long commit = LatencyScenario.percentile(commits, 50);
		print(out,
				new ResultLine().add("scenario", "commit")
					.add("samples", commits.length)
					.add("p50_ms", ResultLine.millis(commit))
					.add("p95_ms", ResultLine.millis(LatencyScenario.percentile(commits, 95))));
		ThroughputScenario.Result cold = this.throughput.runCold(Duration.ofSeconds(options.coldSeconds()),
				options.steps(), options.starters());
		print(out, cold.line(commit));

		print(out, warmUp(options).line());

		ThroughputScenario.Result throughput = this.throughput.run(options.workflows(), options.steps(),
				options.starters());
		print(out, throughput.line(commit));
		ResultLine summary = new ResultLine();
		for (int starters : STARTERS) {
			ThroughputScenario.Result run = this.throughput.runStarters(options.workflows(), options.steps(), starters);
			print(out, run.line(commit));
			summary.add("starters_" + starters + "_wf_per_s", ResultLine.decimal(run.workflowsPerSecond(), 1));
		}
		LatencyScenario.Result latency = this.latency.run(options.latencySamples());
		print(out, latency.line(commit));
		JournalFloorScenario.Result floor = this.floor.run(options.latencySamples());
		print(out, floor.line(commit));
		GrowthScenario.Result growth = this.growth.run(options.growthRepetitions());
		print(out, growth.line(commit));
		ThroughputScenario.Result parallel = this.throughput.runParallel(parallelWorkflows(options), PARALLEL_WIDTH,
				options.starters());
		print(out, parallel.line(commit));

		print(out,
				new ResultLine().add("scenario", "summary")
					.add("db", options.db())
					.add("wf_per_s", ResultLine.decimal(throughput.workflowsPerSecond(), 1))
					.add("commits_per_wf", throughput.commits())
					.add("cold_wf_per_s", ResultLine.decimal(cold.workflowsPerSecond(), 1))
					.addAll(summary)
					.add("p50_ms", ResultLine.millis(latency.p50()))
					.add("p95_ms", ResultLine.millis(latency.p95()))
					.add("first_step_p50_ms", ResultLine.millis(latency.firstStepP50()))
					.add("per_step_ms_" + GrowthScenario.SHORT, ResultLine.millis(growth.perStepShort()))
					.add("per_step_ms_" + GrowthScenario.LONG, ResultLine.millis(growth.perStepLong()))
					.add("ratio", ResultLine.decimal(growth.ratio(), 2))
					.add("parallel_steps_per_s", ResultLine.decimal(parallel.stepsPerSecond(), 1))
					.add("commit_p50_ms", ResultLine.millis(commit))
					.add("p50_commits", ResultLine.commits(latency.p50(), commit))
					.add("first_step_commits", ResultLine.commits(latency.firstStepP50(), commit))
					.add("journal_floor_commits", ResultLine.commits(floor.workflow(), commit))
					.add("per_step_commits_" + GrowthScenario.LONG, ResultLine.commits(growth.perStepLong(), commit)));
	}

	/**
	 * Runs rounds of every scenario, unmeasured, until the JIT compiler is done with the
	 * paths they take: until a round during which it compiled for less than
	 * {@link #SETTLED_JIT_SHARE} of the round's time, or {@link #MAX_WARMUP_ROUNDS}
	 * rounds. On two cores a compiler thread still busy with the engine's hot methods
	 * takes a core from the workflows and the database: one fixed round of 500 workflows
	 * left it compiling them through the measured scenarios.
	 */
	private WarmUp warmUp(BenchmarkOptions options) throws Exception {
		if (options.warmup() == 0) {
			return new WarmUp(0, Double.NaN);
		}
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		int rounds = 0;
		double jitShare;
		do {
			long began = System.nanoTime();
			long compiledBefore = compilationMillis(jit);
			this.throughput.warmUp(options.warmup(), options.steps(), options.starters());
			this.latency.run(options.warmup());
			this.growth.run(1);
			this.throughput.warmUpParallel(Math.max(1, options.warmup() / 5), PARALLEL_WIDTH, options.starters());
			rounds++;
			jitShare = (compilationMillis(jit) - compiledBefore) / ((System.nanoTime() - began) / 1e6);
		}
		while (jitShare >= SETTLED_JIT_SHARE && rounds < MAX_WARMUP_ROUNDS);
		return new WarmUp(rounds, jitShare);
	}

	/**
	 * The JIT compiler's total time so far; always 0 where the JVM does not tell (one
	 * round then settles it).
	 */
	private static long compilationMillis(@Nullable CompilationMXBean jit) {
		return (jit != null && jit.isCompilationTimeMonitoringSupported()) ? jit.getTotalCompilationTime() : 0;
	}

	/**
	 * How the warm-up went: its rounds, and the share of the last one that the JIT
	 * compiler took.
	 */
	private record WarmUp(int rounds, double jitShare) {

		ResultLine line() {
			return new ResultLine().add("scenario", "warmup")
				.add("rounds", this.rounds)
				.add("last_round_jit_pct",
						Double.isNaN(this.jitShare) ? "n/a" : ResultLine.decimal(100 * this.jitShare, 1));
		}

	}

	/**
	 * A fifth as many fan-outs as chained workflows: about as many steps as the
	 * throughput run.
	 */
	private static int parallelWorkflows(BenchmarkOptions options) {
		return Math.max(1, options.workflows() / 5);
	}

	private static void print(PrintStream out, ResultLine line) {
		out.println(line);
		out.flush();
	}

}
