package io.durable.workflow.observation;

import io.durable.workflow.observation.WorkflowObservationDocumentation.HighCardinalityKeys;
import io.durable.workflow.observation.WorkflowObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The engine's names and tags of a start: {@code workflow.start}, span
 * {@code start <workflow>}, tagged with the workflow's name and the run's id.
 */
public class DefaultWorkflowStartObservationConvention implements WorkflowStartObservationConvention {

	@Override
	public String getName() {
		return "workflow.start";
	}

	@Override
	public String getContextualName(WorkflowStartContext context) {
		return "start " + context.getWorkflowName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkflowStartContext context) {
		return KeyValues.of(LowCardinalityKeys.WORKFLOW.withValue(context.getWorkflowName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkflowStartContext context) {
		return KeyValues.of(HighCardinalityKeys.WORKFLOW_ID.withValue(context.getWorkflowId()));
	}

}
