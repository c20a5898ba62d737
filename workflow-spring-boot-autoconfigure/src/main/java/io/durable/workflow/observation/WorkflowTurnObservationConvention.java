package io.durable.workflow.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a run's turn. Declare a bean of this type to replace
 * {@link DefaultWorkflowTurnObservationConvention}; extend that class to change one part.
 */
public interface WorkflowTurnObservationConvention extends ObservationConvention<WorkflowTurnContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkflowTurnContext;
	}

}
