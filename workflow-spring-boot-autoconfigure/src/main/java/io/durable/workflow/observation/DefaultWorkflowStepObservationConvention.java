package io.durable.workflow.observation;

import io.durable.workflow.observation.WorkflowObservationDocumentation.HighCardinalityKeys;
import io.durable.workflow.observation.WorkflowObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The engine's names and tags of a step attempt: {@code workflow.step}, span
 * {@code step <step>}, tagged with the workflow's and the step's names, the attempt's
 * outcome once it has ended, the run's id, the step's position and the attempt.
 */
public class DefaultWorkflowStepObservationConvention implements WorkflowStepObservationConvention {

	@Override
	public String getName() {
		return "workflow.step";
	}

	@Override
	public String getContextualName(WorkflowStepContext context) {
		return "step " + context.getStepName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkflowStepContext context) {
		KeyValues values = KeyValues.of(LowCardinalityKeys.WORKFLOW.withValue(context.getWorkflowName()),
				LowCardinalityKeys.STEP.withValue(context.getStepName()));
		String outcome = context.getOutcome();
		return (outcome != null) ? values.and(LowCardinalityKeys.OUTCOME.withValue(outcome)) : values;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkflowStepContext context) {
		return KeyValues.of(HighCardinalityKeys.WORKFLOW_ID.withValue(context.getWorkflowId()),
				HighCardinalityKeys.STEP_SEQUENCE.withValue(Integer.toString(context.getSequence())),
				HighCardinalityKeys.STEP_ATTEMPT.withValue(Integer.toString(context.getAttempt())));
	}

}
