package io.durable.workflow.observation;

import java.util.Map;

import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of one turn of a run ({@link WorkflowObservationDocumentation#TURN}). Its
 * carrier holds the trace context stored at the run's start, which the turn continues.
 */
public class WorkflowTurnContext extends ReceiverContext<Map<String, String>> {

	private final String workflowName;

	private final String workflowId;

	private @Nullable String outcome;

	/**
	 * A context of a turn.
	 * @param workflowName the workflow's name
	 * @param workflowId the run's id
	 * @param traceContext the trace context stored at the run's start (empty if none)
	 */
	public WorkflowTurnContext(String workflowName, String workflowId, Map<String, String> traceContext) {
		super((carrier, key) -> carrier.get(key));
		setCarrier(traceContext);
		this.workflowName = workflowName;
		this.workflowId = workflowId;
	}

	/**
	 * The workflow of the run.
	 * @return its name
	 */
	public String getWorkflowName() {
		return this.workflowName;
	}

	/**
	 * The run.
	 * @return its id
	 */
	public String getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * How the turn ended: {@code completed}, {@code failed}, {@code canceled},
	 * {@code suspended}, {@code retried} (the journal could not be reached) or
	 * {@code released} (given up to any node).
	 * @return the outcome, or {@code null} while the turn runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the turn ended, before its observation stops.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
