package io.durable.benchmarks;

import java.time.Duration;
import java.util.Arrays;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;

/**
 * Latency: 3-step workflows run one at a time on an otherwise idle engine. For each, the
 * time from just before {@code start} until {@code result} returns the value (end to
 * end), and from just before {@code start} until its first step runs (dispatch delay).
 * Reports the median and 95th percentile end to end and the median to the first step.
 */
final class LatencyScenario {

	static final int STEPS = 3;

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private final WorkflowClient client;

	private final RunTracker tracker;

	LatencyScenario(WorkflowClient client, RunTracker tracker) {
		this.client = client;
		this.tracker = tracker;
	}

	/** The figures of one run of the scenario, in nanoseconds. */
	record Result(int samples, long p50, long p95, long firstStepP50) {

		/**
		 * The line of this run.
		 * @param commit the run's plain commit time (p50), in nanoseconds
		 */
		ResultLine line(long commit) {
			return new ResultLine().add("scenario", "latency")
				.add("samples", this.samples)
				.add("p50_ms", ResultLine.millis(this.p50))
				.add("p95_ms", ResultLine.millis(this.p95))
				.add("first_step_p50_ms", ResultLine.millis(this.firstStepP50))
				.add("p50_commits", ResultLine.commits(this.p50, commit))
				.add("first_step_commits", ResultLine.commits(this.firstStepP50, commit));
		}

	}

	Result run(int samples) {
		this.tracker.reset();
		long[] endToEnd = new long[samples];
		long[] toFirstStep = new long[samples];
		for (int i = 0; i < samples; i++) {
			long began = System.nanoTime();
			WorkflowId id = this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.run(STEPS));
			this.client.result(id, Integer.class, TIMEOUT);
			endToEnd[i] = System.nanoTime() - began;
			toFirstStep[i] = this.tracker.takeFirstStep(id) - began;
		}
		this.tracker.reset();
		return new Result(samples, percentile(endToEnd, 50), percentile(endToEnd, 95), percentile(toFirstStep, 50));
	}

	/**
	 * The nearest-rank percentile: the smallest sample not below {@code percent} % of
	 * them.
	 */
	static long percentile(long[] samples, int percent) {
		long[] sorted = samples.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(rank, 1) - 1];
	}

}
