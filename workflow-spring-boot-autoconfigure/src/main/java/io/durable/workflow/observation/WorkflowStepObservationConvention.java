package io.durable.workflow.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a step attempt. Declare a bean of this type to
 * replace {@link DefaultWorkflowStepObservationConvention}; extend that class to change
 * one part.
 */
public interface WorkflowStepObservationConvention extends ObservationConvention<WorkflowStepContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkflowStepContext;
	}

}
