package io.durable.workflow.testapp;

import io.durable.workflow.Step;
import io.durable.workflow.StepFailedException;
import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

@Component
public class FailureWorkflow {

	private final Steps steps;

	public FailureWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "recovering")
	public String recover() {
		try {
			this.steps.explode("boom");
			return "not reached";
		}
		catch (StepFailedException ex) {
			return this.steps.compensate(ex.errorType() + "|" + ex.errorMessage());
		}
	}

	@Workflow(name = "failing")
	public String fail() {
		this.steps.explode("uncaught");
		return "not reached";
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "explode")
		public String explode(String message) {
			this.counter.ran("explode");
			throw new IllegalStateException(message);
		}

		@Step(name = "compensate")
		public String compensate(String reason) {
			this.counter.ran("compensate");
			return "compensated " + reason;
		}

	}

}
