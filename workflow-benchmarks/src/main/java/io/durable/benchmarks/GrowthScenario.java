package io.durable.benchmarks;

import java.time.Duration;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;

/**
 * Growth: whether a step costs more the longer its workflow is. A 10-step and a 1000-step
 * workflow each run alone, end to end (start to result), several times in alternation;
 * the median time per step of each and their ratio are reported. A journal that the
 * engine re-read or re-wrote as it grows would show as a ratio well above 1.
 */
final class GrowthScenario {

	static final int SHORT = 10;

	static final int LONG = 1000;

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final WorkflowClient client;

	private final RunTracker tracker;

	GrowthScenario(WorkflowClient client, RunTracker tracker) {
		this.client = client;
		this.tracker = tracker;
	}

	/** The figures of one run of the scenario: median nanoseconds per step. */
	record Result(double perStepShort, double perStepLong) {

		double ratio() {
			return this.perStepLong / this.perStepShort;
		}

		/**
		 * The line of this run.
		 * @param commit the run's plain commit time (p50), in nanoseconds
		 */
		ResultLine line(long commit) {
			return new ResultLine().add("scenario", "growth")
				.add("per_step_ms_" + SHORT, ResultLine.millis(this.perStepShort))
				.add("per_step_ms_" + LONG, ResultLine.millis(this.perStepLong))
				.add("ratio", ResultLine.decimal(ratio(), 2))
				.add("per_step_commits_" + LONG, ResultLine.commits(this.perStepLong, commit));
		}

	}

	Result run(int repetitions) {
		long[] shortRuns = new long[repetitions];
		long[] longRuns = new long[repetitions];
		for (int i = 0; i < repetitions; i++) {
			shortRuns[i] = timeOne(SHORT) / SHORT;
			longRuns[i] = timeOne(LONG) / LONG;
		}
		this.tracker.reset();
		return new Result(LatencyScenario.percentile(shortRuns, 50), LatencyScenario.percentile(longRuns, 50));
	}

	private long timeOne(int steps) {
		long began = System.nanoTime();
		WorkflowId id = this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.run(steps));
		this.client.result(id, Integer.class, TIMEOUT);
		return System.nanoTime() - began;
	}

}
