package io.durable.workflow.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.durable.workflow.ListQuery;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.client.ListParameters;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code workflows} actuator endpoint: lists workflow runs, shows one with its steps
 * and waits, cancels it and cleans it up, all through the {@link WorkflowClient}; in
 * Spring MVC applications {@link WorkflowsWebMvcHandlerMapping} adds sending events and
 * watching a run. Ids may hold slashes (a child workflow's id is
 * {@code <parent id>/<position>}), so the id is the rest of the path. Read-only unless
 * {@code management.endpoint.workflows.access} is {@code unrestricted}.
 */
@Endpoint(id = "workflows", defaultAccess = Access.READ_ONLY)
public class WorkflowsEndpoint {

	static final int DEFAULT_PAGE_SIZE = 20;

	private final WorkflowClient client;

	/**
	 * @param client reads and changes workflows
	 */
	public WorkflowsEndpoint(WorkflowClient client) {
		this.client = client;
	}

	/**
	 * A page of workflow runs, newest first unless {@code order} is {@code asc}.
	 * @param name only runs of this workflow
	 * @param idPrefix only runs whose id starts with this
	 * @param state only runs in this state ({@code IN_PROGRESS}, {@code COMPLETED},
	 * {@code FAILED}, {@code CANCELED})
	 * @param parent only the child workflows of this run
	 * @param startedVersion only runs started on this code version
	 * @param stalled {@code true}: only runs parked because their replay diverged
	 * @param createdFrom only runs created at or after this instant (ISO-8601)
	 * @param createdBefore only runs created before this instant (ISO-8601)
	 * @param cursor the {@code nextCursor} of the page before
	 * @param size the page size, 1 to {@value ListQuery#MAX_PAGE_SIZE}, 20 by default
	 * @param order {@code desc} (the default) or {@code asc}, by creation time
	 * @return the page
	 * @throws IllegalArgumentException if a parameter is malformed
	 */
	@ReadOperation
	public WorkflowsDescriptor workflows(@Nullable String name, @Nullable String idPrefix, @Nullable String state,
			@Nullable String parent, @Nullable String startedVersion, @Nullable String stalled,
			@Nullable String createdFrom, @Nullable String createdBefore, @Nullable String cursor,
			@Nullable String size, @Nullable String order) {
		ListQuery query = ListQuery.first(pageSize(size)).after(cursor);
		query = descending(order) ? query.descending() : query;
		if (idPrefix != null) {
			query = query.idPrefix(idPrefix);
		}
		if (state != null) {
			query = query.state(ListParameters.state(state));
		}
		if (parent != null) {
			query = query.parent(WorkflowId.of(parent));
		}
		if (startedVersion != null) {
			query = query.startedVersion(startedVersion);
		}
		if (stalled != null) {
			if (!stalled.equals("true") && !stalled.equals("false")) {
				throw new IllegalArgumentException("Malformed stalled '" + stalled + "': true or false");
			}
			query = stalled.equals("true") ? query.stalled() : query;
		}
		if (createdFrom != null) {
			query = query.createdFrom(ListParameters.instant("createdFrom", createdFrom));
		}
		if (createdBefore != null) {
			query = query.createdBefore(ListParameters.instant("createdBefore", createdBefore));
		}
		WorkflowPage<WorkflowSummary> page = (name != null) ? this.client.listByName(name, query)
				: this.client.list(query);
		return new WorkflowsDescriptor(page.items().stream().map(WorkflowSummaryDescriptor::of).toList(),
				page.nextCursor());
	}

	/**
	 * One workflow run: its state, return value or error, timings, parent and active
	 * children, pending waits, and up to {@value ListQuery#MAX_PAGE_SIZE} steps (those
	 * running now on this node included), from the start or after {@code stepsAfter}.
	 * @param id the workflow id, which may hold slashes
	 * @param stepsAfter the {@code nextStepsCursor} of the response before, for the next
	 * steps
	 * @return the workflow
	 * @throws io.durable.workflow.WorkflowNotFoundException if no such run exists
	 */
	@ReadOperation
	public WorkflowDescriptor workflow(@Selector(match = Match.ALL_REMAINING) String[] id,
			@Nullable String stepsAfter) {
		return describe(workflowId(id), stepsAfter);
	}

	/**
	 * Changes a run: {@code POST .../{id}/cancel} cancels it (a finished one stays as it
	 * is), {@code .../{id}/resume} resumes a failed or canceled one.
	 * @param path the workflow id, which may hold slashes, followed by what to do
	 * @return the run as it is after the change
	 * @throws IllegalArgumentException if the path does not end with one of them
	 */
	@WriteOperation
	public WorkflowDescriptor change(@Selector(match = Match.ALL_REMAINING) String[] path) {
		String change = (path.length >= 2) ? path[path.length - 1] : "";
		WorkflowId id = workflowId(Arrays.copyOf(path, Math.max(path.length - 1, 0)));
		switch (change) {
			case "cancel" -> this.client.cancel(id);
			case "resume" -> this.client.resume(id);
			default -> throw new IllegalArgumentException("POST to /workflows/{id}/cancel to cancel a workflow,"
					+ " /workflows/{id}/resume to resume it, /workflows/{id}/fork with {\"fromStep\": n} to fork it,"
					+ " /workflows/{id}/fail with {\"reason\": \"...\"} to fail it, or /workflows/{id}/events/{name}"
					+ " to send it an event; got /workflows/" + String.join("/", path));
		}
		return describe(id, null);
	}

	/**
	 * Deletes everything stored for a finished run and its child workflows.
	 * @param id the workflow id, which may hold slashes
	 * @return the run as it was
	 * @throws io.durable.workflow.WorkflowStateException if it has not finished
	 */
	@DeleteOperation
	public WorkflowSummaryDescriptor cleanup(@Selector(match = Match.ALL_REMAINING) String[] id) {
		WorkflowId workflowId = workflowId(id);
		WorkflowSummary summary = this.client.describe(workflowId);
		this.client.cleanup(workflowId);
		return WorkflowSummaryDescriptor.of(summary);
	}

	/**
	 * A run with its steps from the start, or after {@code stepsAfter}, as the endpoint
	 * and its stream describe it.
	 * @param id the run
	 * @param stepsAfter where the steps continue, or {@code null} for the first
	 * @return the run
	 */
	public WorkflowDescriptor describe(WorkflowId id, @Nullable String stepsAfter) {
		// Status before steps: a step finishing in between shows as journaled, not
		// missing.
		WorkflowSummary summary = this.client.describe(id);
		WorkflowStatus status = this.client.status(id);
		WorkflowPage<StepInfo> page = this.client.listSteps(id,
				ListQuery.first(ListQuery.MAX_PAGE_SIZE).after(stepsAfter));
		Map<Integer, StepInfo> steps = new TreeMap<>();
		page.items().forEach((step) -> steps.put(step.sequence(), step));
		List<String> children = List.of();
		List<WaitDescriptor> waits = new ArrayList<>();
		String stalled = null;
		Map<String, Long> pendingEvents = Map.of();
		if (status instanceof WorkflowStatus.InProgress inProgress) {
			children = inProgress.children().stream().map(WorkflowId::value).toList();
			stalled = inProgress.stalled().orElse(null);
			pendingEvents = new TreeMap<>(inProgress.pendingEvents());
			if (!page.hasNext()) {
				inProgress.running().forEach((step) -> steps.put(step.sequence(), step));
			}
			for (StepInfo step : steps.values()) {
				if (step.state() == StepState.WAITING) {
					waits.add(WaitDescriptor.of(id, step, children));
				}
			}
		}
		return new WorkflowDescriptor(id.value(), summary.name(), summary.state(),
				(summary.parent() != null) ? summary.parent().value() : null, children, summary.createdAt(),
				summary.finishedAt(), summary.result(), summary.error(), summary.handlerError(), stalled,
				summary.startedVersion(), summary.lastVersion(), summary.deadline(), forkedFrom(summary), pendingEvents,
				waits, steps.values().stream().map(StepDescriptor::of).toList(), page.nextCursor());
	}

	private static @Nullable String forkedFrom(WorkflowSummary summary) {
		return (summary.forkedFrom() != null) ? summary.forkedFrom().value() : null;
	}

	private static WorkflowId workflowId(String[] path) {
		return WorkflowId.of(String.join("/", path));
	}

	private static int pageSize(@Nullable String size) {
		if (size == null) {
			return DEFAULT_PAGE_SIZE;
		}
		try {
			return Integer.parseInt(size);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"size must be a number from 1 to " + ListQuery.MAX_PAGE_SIZE + ", got '" + size + "'");
		}
	}

	private static boolean descending(@Nullable String order) {
		if (order == null || order.equalsIgnoreCase("desc")) {
			return true;
		}
		if (order.equalsIgnoreCase("asc")) {
			return false;
		}
		throw new IllegalArgumentException("order must be 'asc' or 'desc', got '" + order + "'");
	}

	/**
	 * A page of workflow runs.
	 *
	 * @param workflows the runs
	 * @param nextCursor the {@code cursor} for the next page, or {@code null} on the last
	 * one
	 */
	public record WorkflowsDescriptor(List<WorkflowSummaryDescriptor> workflows,
			@Nullable String nextCursor) implements OperationResponseBody {
	}

	/**
	 * A workflow run as listed.
	 *
	 * @param id the workflow id
	 * @param name the workflow name
	 * @param state its state
	 * @param parent the parent of a child workflow
	 * @param createdAt when it started
	 * @param finishedAt when it finished
	 * @param error the error of a failed run
	 * @param error the error of a failed run, or why the engine canceled a canceled one
	 * @param stalled why a run in progress is parked
	 * @param startedVersion the code version it started on
	 * @param lastVersion the code version that last claimed it
	 * @param deadline when it is canceled unless it has finished
	 * @param forkedFrom the run it was forked from
	 */
	public record WorkflowSummaryDescriptor(String id, String name, WorkflowState state, @Nullable String parent,
			Instant createdAt, @Nullable Instant finishedAt, @Nullable String error, @Nullable String handlerError,
			@Nullable String stalled, @Nullable String startedVersion, @Nullable String lastVersion,
			@Nullable Instant deadline, @Nullable String forkedFrom) implements OperationResponseBody {

		static WorkflowSummaryDescriptor of(WorkflowSummary summary) {
			return new WorkflowSummaryDescriptor(summary.id().value(), summary.name(), summary.state(),
					(summary.parent() != null) ? summary.parent().value() : null, summary.createdAt(),
					summary.finishedAt(), summary.error(), summary.handlerError(), summary.stalled(),
					summary.startedVersion(), summary.lastVersion(), summary.deadline(),
					WorkflowsEndpoint.forkedFrom(summary));
		}

	}

	/**
	 * One workflow run in full.
	 *
	 * @param id the workflow id
	 * @param name the workflow name
	 * @param state its state
	 * @param parent the parent of a child workflow
	 * @param children the ids of its child workflows in progress
	 * @param createdAt when it started
	 * @param finishedAt when it finished
	 * @param result the return value of a completed run, as stored
	 * @param error the error of a failed run, or why the engine canceled a canceled one
	 * @param handlerError the last failure of its completion handler
	 * @param stalled why a run in progress cannot make progress, if it cannot
	 * @param startedVersion the code version it started on
	 * @param lastVersion the code version that last claimed it
	 * @param deadline when it is canceled unless it has finished
	 * @param forkedFrom the run it was forked from
	 * @param pendingEvents the events sent to a run in progress that no wait has received
	 * yet, by name
	 * @param waits what it waits for, while in progress
	 * @param steps its steps, in journal order
	 * @param nextStepsCursor the {@code stepsAfter} for the steps after these, or
	 * {@code null}
	 */
	public record WorkflowDescriptor(String id, String name, WorkflowState state, @Nullable String parent,
			List<String> children, Instant createdAt, @Nullable Instant finishedAt,
			@JsonRawValue @Nullable String result, @Nullable String error, @Nullable String handlerError,
			@Nullable String stalled, @Nullable String startedVersion, @Nullable String lastVersion,
			@Nullable Instant deadline, @Nullable String forkedFrom, Map<String, Long> pendingEvents,
			List<WaitDescriptor> waits, List<StepDescriptor> steps,
			@Nullable String nextStepsCursor) implements OperationResponseBody {
	}

	/**
	 * Something a workflow waits for: an event (until its timeout, if any), a child
	 * workflow, or a time (a sleep, a scheduled step, a retry's backoff).
	 *
	 * @param step the waiting step's name
	 * @param sequence its position
	 * @param event the name of the event it waits for, if it does
	 * @param child the id of the child workflow it waits for, if it does
	 * @param until when it goes on without what it waits for, if ever
	 */
	public record WaitDescriptor(String step, int sequence, @Nullable String event, @Nullable String child,
			@Nullable Instant until) {

		static WaitDescriptor of(WorkflowId id, StepInfo step, List<String> children) {
			String event = step.awaitedEvent();
			String childId = id.value() + "/" + step.sequence();
			return new WaitDescriptor(step.name(), step.sequence(), event, children.contains(childId) ? childId : null,
					step.wakeAt());
		}

	}

	/**
	 * One step of a workflow run.
	 *
	 * @param sequence its position, from 0
	 * @param name its name
	 * @param state its state
	 * @param attempts how many times it ran
	 * @param startedAt when its first attempt started
	 * @param finishedAt when it finished
	 * @param wakeAt when a waiting step goes on
	 * @param result its result, as stored
	 * @param error the error of its last failed attempt
	 */
	public record StepDescriptor(int sequence, String name, StepState state, int attempts, Instant startedAt,
			@Nullable Instant finishedAt, @Nullable Instant wakeAt, @JsonRawValue @Nullable String result,
			@Nullable String error) {

		static StepDescriptor of(StepInfo step) {
			return new StepDescriptor(step.sequence(), step.name(), step.state(), step.attempts(), step.startedAt(),
					step.finishedAt(), step.wakeAt(), step.result(), step.error());
		}

	}

}
