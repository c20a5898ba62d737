package io.durable.workflow.autoconfigure;

import io.durable.workflow.engine.definition.WorkflowSetupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports the workflow engine's own start-up failures as Spring Boot does: what is wrong,
 * and what to do.
 */
class WorkflowSetupFailureAnalyzer extends AbstractFailureAnalyzer<WorkflowSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WorkflowSetupException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
