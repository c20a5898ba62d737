package io.durable.workflow.testapp;

import java.time.Duration;
import java.time.Instant;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/** Workflows that wait: durable sleeps and scheduled steps. */
@Component
public class TimeWorkflows {

	private final Steps steps;

	public TimeWorkflows(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "sleeper")
	public String sleep(Duration duration) {
		this.steps.mark("before");
		Workflows.sleep(duration);
		return this.steps.mark("after");
	}

	@Workflow(name = "scheduled-step")
	public String scheduledStep(Duration delay) {
		this.steps.mark("before");
		return Workflows.step("later").runAfter(delay).call(() -> this.steps.mark("later"));
	}

	@Workflow(name = "step-at")
	public String stepAt(Instant time) {
		return Workflows.step("at").runAt(time).call(() -> this.steps.mark("at"));
	}

	@Workflow(name = "started-later")
	public String startedLater() {
		return this.steps.mark("started");
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "mark")
		public String mark(String label) {
			this.counter.ran(label);
			return label;
		}

	}

}
