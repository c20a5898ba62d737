package io.durable.workflow.testapp;

import java.time.Instant;
import java.util.UUID;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A workflow that reads the time and draws random values, and logs from its code and a
 * step.
 */
@Component
public class DeterministicWorkflow {

	public static final Logger LOG = LoggerFactory.getLogger(DeterministicWorkflow.class);

	private final Steps steps;

	public DeterministicWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "deterministic")
	public String run() {
		Instant now = Workflows.now();
		int number = Workflows.random().nextInt(1_000_000);
		UUID uuid = Workflows.randomUUID();
		LOG.info("drew {}", number);
		this.steps.note(number);
		return now + "|" + number + "|" + uuid;
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "note")
		public void note(int number) {
			this.counter.ran("note");
			LOG.info("noting {}", number);
		}

	}

}
