package io.durable.workflow.testapp;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

/** A step that takes longer than the lease, followed by another. */
@Component
public class SlowWorkflow {

	private final Steps steps;

	public SlowWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "slow")
	public String run(long millis) {
		this.steps.slow(millis);
		return this.steps.after();
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "slow")
		public void slow(long millis) {
			this.counter.ran("slow");
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Step(name = "after")
		public String after() {
			this.counter.ran("after");
			return "after";
		}

	}

}
