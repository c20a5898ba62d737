package io.durable.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.Async;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/**
 * The workflows the scenarios run: a chain of {@code steps} trivial, non-transactional
 * steps, or a fan-out of {@code width} of them in parallel, so that what is measured is
 * the engine's own cost per workflow and per step (journal writes, commits, dispatch),
 * not the work the steps do.
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
		// Plain code, not a step: the harness learns that only the run's final commit is
		// left.
		this.tracker.bodyFinished();
		return total;
	}

	/**
	 * A workflow that takes a while: {@code steps} steps of {@link BenchmarkSteps#PAUSE}
	 * each.
	 */
	@Workflow(name = "benchmark-slow")
	public int slow(int steps) {
		int total = 0;
		for (int i = 0; i < steps; i++) {
			total += this.chain.pause(i);
		}
		return total;
	}

	@Workflow(name = "benchmark-parallel")
	public int fanOut(int width) {
		List<Async<Integer>> steps = new ArrayList<>(width);
		for (int i = 0; i < width; i++) {
			int index = i;
			steps.add(Workflows.async(() -> this.chain.add(0, index)));
		}
		Workflows.awaitAll(steps.toArray(Async[]::new));
		int total = 0;
		for (Async<Integer> step : steps) {
			total += step.get();
		}
		this.tracker.bodyFinished();
		return total;
	}

}
