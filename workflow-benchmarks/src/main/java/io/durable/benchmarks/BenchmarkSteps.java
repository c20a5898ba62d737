package io.durable.benchmarks;

import java.time.Duration;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/**
 * The steps of {@link BenchmarkWorkflow}: plain (non-transactional) steps whose work is
 * one addition, so that a step costs what the engine spends on it. The first step of a
 * run notes when it ran, for the latency scenario's start-to-first-step time.
 */
@Component
public class BenchmarkSteps {

	private final RunTracker tracker;

	public BenchmarkSteps(RunTracker tracker) {
		this.tracker = tracker;
	}

	/** How long a step of the slow workflow takes. */
	static final Duration PAUSE = Duration.ofMillis(100);

	/** A step that takes {@link #PAUSE}, for the cluster scenario's takeover. */
	@Step(name = "pause")
	public int pause(int index) {
		try {
			Thread.sleep(PAUSE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		return index;
	}

	@Step(name = "add")
	public int add(int total, int index) {
		if (index == 0) {
			this.tracker.firstStepRan(Workflows.workflowId());
		}
		return total + index;
	}

}
