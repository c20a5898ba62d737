package io.durable.workflow.autoconfigure.forgotten;

import io.durable.workflow.Workflow;

/** A workflow class its application forgot to make a bean. */
public class ForgottenWorkflow {

	@Workflow
	public String run() {
		return "never registered";
	}

}
