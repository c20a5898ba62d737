package io.durable.workflow.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a run's start. Declare a bean of this type to replace
 * {@link DefaultWorkflowStartObservationConvention}; extend that class to change one
 * part.
 */
public interface WorkflowStartObservationConvention extends ObservationConvention<WorkflowStartContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkflowStartContext;
	}

}
