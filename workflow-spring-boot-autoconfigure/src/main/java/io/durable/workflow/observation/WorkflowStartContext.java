package io.durable.workflow.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.SenderContext;

/**
 * The context of a run's start ({@link WorkflowObservationDocumentation#START}). Its
 * carrier receives the trace context a tracing bridge propagates, which the engine stores
 * with the run for every turn to continue.
 */
public class WorkflowStartContext extends SenderContext<Map<String, String>> {

	private final String workflowName;

	private final String workflowId;

	/**
	 * A context of a start.
	 * @param workflowName the workflow's name
	 * @param workflowId the new run's id
	 */
	public WorkflowStartContext(String workflowName, String workflowId) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		setCarrier(new LinkedHashMap<>());
		this.workflowName = workflowName;
		this.workflowId = workflowId;
	}

	/**
	 * The workflow started.
	 * @return its name
	 */
	public String getWorkflowName() {
		return this.workflowName;
	}

	/**
	 * The run started.
	 * @return its id
	 */
	public String getWorkflowId() {
		return this.workflowId;
	}

}
