package io.durable.benchmarks;

import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

/**
 * The one workflow every scenario runs: a chain of {@code steps} trivial, non-transactional
 * steps, so that what is measured is the engine's own cost per workflow and per step (journal
 * writes, commits, dispatch), not the work the steps do.
 */
@Component
public class BenchmarkWorkflow {

	private final BenchmarkSteps chain;

	private final RunTracker tracker;

	public BenchmarkWorkflow(BenchmarkSteps chain, RunTracker tracker) {
		this.chain = chain;
		this.tracker = tracker;
	}

	@Workflow(name = "benchmark")
	public int run(int steps) {
		int total = 0;
		for (int i = 0; i < steps; i++) {
			total = this.chain.add(total, i);
		}
		// Plain code, not a step: the harness learns that only the run's final commit is left.
		this.tracker.bodyFinished();
		return total;
	}

}
