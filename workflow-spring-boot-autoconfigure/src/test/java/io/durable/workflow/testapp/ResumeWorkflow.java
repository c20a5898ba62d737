package io.durable.workflow.testapp;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/** Three counted steps whose results feed each other, for replay and recovery tests. */
@Component
public class ResumeWorkflow {

	private final Steps steps;

	public ResumeWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "resume")
	public String resume(String name) {
		String a = this.steps.first(name);
		String b = this.steps.second(a);
		return this.steps.third(b) + "@" + Workflows.workflowId();
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "first")
		public String first(String name) {
			this.counter.ran("first");
			return name + "-1";
		}

		@Step(name = "second")
		public String second(String previous) {
			this.counter.ran("second");
			return previous + "-2";
		}

		@Step(name = "third")
		public String third(String previous) {
			this.counter.ran("third");
			return previous + "-3";
		}

	}

}
