package io.durable.workflow;

import java.util.Collection;
import java.util.TreeSet;

/** No {@link Workflow} method is registered under the given name in this application. */
public class UnknownWorkflowException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final String workflowName;

	public UnknownWorkflowException(String workflowName, Collection<String> knownNames) {
		super("No @Workflow named '" + workflowName + "' is registered; known workflows: "
				+ new TreeSet<>(knownNames));
		this.workflowName = workflowName;
	}

	/**
	 * The name that was asked for.
	 * @return the unknown workflow name
	 */
	public String workflowName() {
		return this.workflowName;
	}

}
