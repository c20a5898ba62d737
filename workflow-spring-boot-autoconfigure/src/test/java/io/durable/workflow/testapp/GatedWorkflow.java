package io.durable.workflow.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/**
 * A workflow whose first step waits at a gate the test opens, followed by a second step.
 */
@Component
public class GatedWorkflow {

	private final Steps steps;

	public GatedWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "gated")
	public String run() {
		this.steps.gate();
		return this.steps.next();
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "gate")
		public String gate() {
			this.counter.ran("gate");
			try {
				if (!gateOf(Workflows.workflowId().value()).await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The gate was never opened");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return "through";
		}

		@Step(name = "next")
		public String next() {
			this.counter.ran("next");
			return "next";
		}

		public void open(String workflowId) {
			gateOf(workflowId).countDown();
		}

		private CountDownLatch gateOf(String workflowId) {
			return this.gates.computeIfAbsent(workflowId, (id) -> new CountDownLatch(1));
		}

	}

}
