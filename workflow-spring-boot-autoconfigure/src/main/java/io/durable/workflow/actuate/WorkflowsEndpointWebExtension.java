package io.durable.workflow.actuate;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link WorkflowsEndpoint} over HTTP: errors answer with the status and JSON body of
 * an {@link ErrorDescriptor}, whose {@code message} says what is wrong.
 */
@EndpointWebExtension(endpoint = WorkflowsEndpoint.class)
public class WorkflowsEndpointWebExtension {

	private final WorkflowsEndpoint delegate;

	/**
	 * @param delegate the endpoint this extension answers for
	 */
	public WorkflowsEndpointWebExtension(WorkflowsEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * See {@link WorkflowsEndpoint#workflows}.
	 * @param name only runs of this workflow
	 * @param idPrefix only runs whose id starts with this
	 * @param state only runs in this state
	 * @param parent only the child workflows of this run
	 * @param startedVersion only runs started on this code version
	 * @param stalled {@code true}: only runs parked because their replay diverged
	 * @param createdFrom only runs created at or after this instant
	 * @param createdBefore only runs created before this instant
	 * @param cursor the {@code nextCursor} of the page before
	 * @param size the page size
	 * @param order {@code desc} or {@code asc}
	 * @return the page, or 400
	 */
	@ReadOperation
	public WebEndpointResponse<Object> workflows(@Nullable String name, @Nullable String idPrefix,
			@Nullable String state, @Nullable String parent, @Nullable String startedVersion, @Nullable String stalled,
			@Nullable String createdFrom, @Nullable String createdBefore, @Nullable String cursor,
			@Nullable String size, @Nullable String order) {
		return respond(() -> this.delegate.workflows(name, idPrefix, state, parent, startedVersion, stalled,
				createdFrom, createdBefore, cursor, size, order));
	}

	/**
	 * See {@link WorkflowsEndpoint#workflow}.
	 * @param id the workflow id
	 * @param stepsAfter where the steps continue
	 * @return the workflow, or 404
	 */
	@ReadOperation
	public WebEndpointResponse<Object> workflow(@Selector(match = Match.ALL_REMAINING) String[] id,
			@Nullable String stepsAfter) {
		return respond(() -> this.delegate.workflow(id, stepsAfter));
	}

	/**
	 * See {@link WorkflowsEndpoint#change}.
	 * @param path the workflow id and {@code cancel} or {@code resume}
	 * @return the changed workflow, or 400 / 404
	 */
	@WriteOperation
	public WebEndpointResponse<Object> change(@Selector(match = Match.ALL_REMAINING) String[] path) {
		return respond(() -> this.delegate.change(path));
	}

	/**
	 * See {@link WorkflowsEndpoint#cleanup}.
	 * @param id the workflow id
	 * @return the deleted workflow, or 400 / 404
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> cleanup(@Selector(match = Match.ALL_REMAINING) String[] id) {
		return respond(() -> this.delegate.cleanup(id));
	}

	private static WebEndpointResponse<Object> respond(Supplier<Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get());
		}
		catch (RuntimeException ex) {
			ErrorDescriptor error = ErrorDescriptor.of(ex);
			if (error == null) {
				throw ex;
			}
			return new WebEndpointResponse<>(error, error.status());
		}
	}

}
