package io.durable.workflow.actuate;

import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowStateException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What was wrong with a request to the {@code workflows} endpoint, in the shape of Spring
 * Boot's own error responses: an unknown workflow or event id is 404, bad input (a
 * malformed parameter or cursor, an invalid event value, an event for a finished
 * workflow, the cleanup of one in progress) is 400.
 *
 * @param status the HTTP status
 * @param error its reason phrase
 * @param message what is wrong
 */
public record ErrorDescriptor(int status, String error, String message) implements OperationResponseBody {

	/**
	 * The answer to a request that failed with this exception.
	 * @param ex what the client threw
	 * @return the error, or {@code null} if the exception is not the request's fault
	 */
	static @Nullable ErrorDescriptor of(RuntimeException ex) {
		String message = String.valueOf(ex.getMessage());
		if (ex instanceof WorkflowNotFoundException) {
			return new ErrorDescriptor(404, "Not Found", message);
		}
		if (ex instanceof IllegalArgumentException || ex instanceof InvalidPayloadException
				|| ex instanceof WorkflowStateException) {
			return new ErrorDescriptor(400, "Bad Request", message);
		}
		return null;
	}

}
