package io.durable.workflow.testapp;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/** A workflow for listing tests: finishes at once, or waits for an event "go". */
@Component
public class ListedWorkflow {

	@Workflow(name = "listed")
	public String run(boolean waits) {
		if (waits) {
			Workflows.awaitEvent("go");
		}
		return "done";
	}

}
