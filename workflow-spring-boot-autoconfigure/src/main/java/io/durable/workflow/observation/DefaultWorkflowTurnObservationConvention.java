package io.durable.workflow.observation;

import io.durable.workflow.observation.WorkflowObservationDocumentation.HighCardinalityKeys;
import io.durable.workflow.observation.WorkflowObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The engine's names and tags of a turn: {@code workflow.run}, span
 * {@code workflow <workflow>}, tagged with the workflow's name, the turn's outcome once
 * it has ended, and the run's id.
 */
public class DefaultWorkflowTurnObservationConvention implements WorkflowTurnObservationConvention {

	@Override
	public String getName() {
		return "workflow.run";
	}

	@Override
	public String getContextualName(WorkflowTurnContext context) {
		return "workflow " + context.getWorkflowName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkflowTurnContext context) {
		KeyValues values = KeyValues.of(LowCardinalityKeys.WORKFLOW.withValue(context.getWorkflowName()));
		String outcome = context.getOutcome();
		return (outcome != null) ? values.and(LowCardinalityKeys.OUTCOME.withValue(outcome)) : values;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkflowTurnContext context) {
		return KeyValues.of(HighCardinalityKeys.WORKFLOW_ID.withValue(context.getWorkflowId()));
	}

}
