package com.example.onboarding.web;

import io.durable.workflow.WorkflowId;

/** Workflow ids taken from request paths. */
final class WorkflowIds {

	private WorkflowIds() {
	}

	/**
	 * The workflow id in a path.
	 * @throws InvalidRequestException if it is blank or too long to be one
	 */
	static WorkflowId parse(String id) {
		try {
			return WorkflowId.of(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

}
