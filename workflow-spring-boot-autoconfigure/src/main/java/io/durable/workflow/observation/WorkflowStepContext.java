package io.durable.workflow.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of one attempt of a step ({@link WorkflowObservationDocumentation#STEP}),
 * observed within its run's turn.
 */
public class WorkflowStepContext extends Observation.Context {

	private final String workflowName;

	private final String workflowId;

	private final String stepName;

	private final int sequence;

	private final int attempt;

	private @Nullable String outcome;

	/**
	 * A context of a step attempt.
	 * @param workflowName the workflow's name
	 * @param workflowId the run's id
	 * @param stepName the step's name
	 * @param sequence the step's position in the run's journal
	 * @param attempt the attempt, from 1
	 */
	public WorkflowStepContext(String workflowName, String workflowId, String stepName, int sequence, int attempt) {
		this.workflowName = workflowName;
		this.workflowId = workflowId;
		this.stepName = stepName;
		this.sequence = sequence;
		this.attempt = attempt;
	}

	/**
	 * The workflow of the step's run.
	 * @return its name
	 */
	public String getWorkflowName() {
		return this.workflowName;
	}

	/**
	 * The step's run.
	 * @return its id
	 */
	public String getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * The step.
	 * @return its name
	 */
	public String getStepName() {
		return this.stepName;
	}

	/**
	 * Where the step is in its run's journal.
	 * @return its position
	 */
	public int getSequence() {
		return this.sequence;
	}

	/**
	 * Which attempt of the step this is.
	 * @return the attempt, from 1
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * How the attempt ended: {@code completed}, {@code retried} (it failed and will be
	 * tried again), {@code failed} (it failed for good) or {@code abandoned} (its run was
	 * canceled or taken over while it ran).
	 * @return the outcome, or {@code null} while the attempt runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the attempt ended, before its observation stops.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
