package io.durable.workflow.testapp;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

/** A workflow of N identical steps, for counting what each step costs. */
@Component
public class SequenceWorkflow {

	private final Steps steps;

	public SequenceWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "sequence")
	public int run(int count) {
		int total = 0;
		for (int i = 0; i < count; i++) {
			total = this.steps.add(total, i);
		}
		return total;
	}

	@Component
	public static class Steps {

		@Step(name = "add")
		public int add(int total, int value) {
			return total + value;
		}

	}

}
