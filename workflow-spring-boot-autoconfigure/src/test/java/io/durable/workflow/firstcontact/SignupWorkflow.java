package io.durable.workflow.firstcontact;

import io.durable.workflow.EventDefinition;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

@Component
public class SignupWorkflow {

	public static final EventDefinition<String> CONFIRMATION = EventDefinition.of("confirmation", String.class);

	private final SignupSteps steps;

	public SignupWorkflow(SignupSteps steps) {
		this.steps = steps;
	}

	@Workflow(name = "signup")
	public String signUp(String email) {
		long account = this.steps.openAccount(email);
		String code = Workflows.awaitEvent(CONFIRMATION);
		return "account " + account + " of " + email + " confirmed with " + code;
	}

}
