package io.durable.workflow.readme;

import io.durable.workflow.Step;

import org.springframework.stereotype.Component;

/** The renewal workflow's step. */
@Component
public class RenewalSteps {

	@Step
	public String remind(String userId) {
		return "reminded";
	}

}
