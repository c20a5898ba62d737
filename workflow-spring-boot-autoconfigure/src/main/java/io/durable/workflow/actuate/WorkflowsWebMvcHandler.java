package io.durable.workflow.actuate;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;

/** Handles what {@link WorkflowsWebMvcHandlerMapping} maps, through the {@link WorkflowClient}. */
public class WorkflowsWebMvcHandler {

	/** The request attribute holding the workflow id from the path. */
	static final String WORKFLOW_ID = "io.durable.workflow.actuate.WorkflowsWebMvcHandler.workflowId";

	/** The request attribute holding the event name from the path. */
	static final String EVENT_NAME = "io.durable.workflow.actuate.WorkflowsWebMvcHandler.eventName";

	private final WorkflowClient client;

	/**
	 * @param client sends events
	 */
	public WorkflowsWebMvcHandler(WorkflowClient client) {
		this.client = client;
	}

	/**
	 * Sends an event with the body as its value (none if the body is empty), checked as
	 * {@link WorkflowClient#sendEventJson} does.
	 * @param id the workflow id
	 * @param name the event name
	 * @param body the value as JSON
	 * @return 204, or the error
	 */
	public ResponseEntity<@Nullable Object> sendEvent(@RequestAttribute(WORKFLOW_ID) String id,
			@RequestAttribute(EVENT_NAME) String name, @RequestBody(required = false) @Nullable String body) {
		try {
			this.client.sendEventJson(WorkflowId.of(id), name, (body == null || body.isBlank()) ? null : body);
			return ResponseEntity.noContent().build();
		}
		catch (RuntimeException ex) {
			ErrorDescriptor error = ErrorDescriptor.of(ex);
			if (error == null) {
				throw ex;
			}
			return ResponseEntity.status(error.status()).body(error);
		}
	}

}
