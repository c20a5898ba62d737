package io.durable.benchmarks;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/**
 * The steps of {@link BenchmarkWorkflow}: plain (non-transactional) steps whose work is one
 * addition, so that a step costs what the engine spends on it. The first step of a run notes
 * when it ran, for the latency scenario's start-to-first-step time.
 */
@Component
public class BenchmarkSteps {

	private final RunTracker tracker;

	public BenchmarkSteps(RunTracker tracker) {
		this.tracker = tracker;
	}

	@Step(name = "add")
	public int add(int total, int index) {
		if (index == 0) {
			this.tracker.firstStepRan(Workflows.workflowId());
		}
		return total + index;
	}

}
