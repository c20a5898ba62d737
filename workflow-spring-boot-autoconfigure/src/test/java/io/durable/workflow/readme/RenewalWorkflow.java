package io.durable.workflow.readme;

import java.time.Duration;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/** Reminds a user of a renewal a month after it starts. */
@Component
public class RenewalWorkflow {

	private final RenewalSteps steps;

	public RenewalWorkflow(RenewalSteps steps) {
		this.steps = steps;
	}

	@Workflow
	public String run(String userId) {
		Workflows.sleep(Duration.ofDays(30));
		return this.steps.remind(userId);
	}

}
