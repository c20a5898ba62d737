package io.durable.workflow.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.ListQuery;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStateException;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.engine.client.JsonEvents;
import io.durable.workflow.engine.client.ListParameters;
import io.durable.workflow.journal.JournalStatistics;
import io.durable.workflow.web.WorkflowStreams;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's JSON API, below {@code workflow.dashboard.path}: a page of runs with
 * filters, the runs counted by state, an overview, one run with its steps, children and
 * events (also as a live stream), who may act, and the actions: cancel, send an event,
 * resume, fork, clean up. The actions are refused unless {@link DashboardAccess} allows
 * them.
 */
@RestController
@RequestMapping("${workflow.dashboard.path:/workflows}/api")
public class DashboardApi {

	/** Below the API's path: where the actions are. */
	static final Map<String, String> ACTIONS = Map.of("cancel", "/run/cancel", "event", "/run/event", "cleanup",
			"/run/cleanup", "resume", "/run/resume", "fork", "/run/fork");

	private static final int PAGE_SIZE = 25;

	private final WorkflowClient client;

	private final WorkflowMonitor monitor;

	private final RunViews runs;

	private final WorkflowStreams<RunView> streams;

	private final JsonEvents events;

	private final DashboardAccess access;

	/**
	 * @param client lists and changes runs
	 * @param monitor counts runs
	 * @param runs reads a run's page
	 * @param streams streams a run's page
	 * @param events sends events whose values come as JSON
	 * @param access who may act
	 */
	public DashboardApi(WorkflowClient client, WorkflowMonitor monitor, RunViews runs, WorkflowStreams<RunView> streams,
			JsonEvents events, DashboardAccess access) {
		this.client = client;
		this.monitor = monitor;
		this.runs = runs;
		this.streams = streams;
		this.events = events;
		this.access = access;
	}

	/**
	 * What the user of the request may do: each action and whether it is allowed, and the
	 * CSRF header the actions must carry (if Spring Security protects them).
	 * @param request the page's request
	 * @return {@code actions} by name, and {@code csrf} with {@code header} and
	 * {@code token}, or {@code null}
	 */
	@GetMapping("/access")
	public Map<String, @Nullable Object> access(HttpServletRequest request) {
		String api = request.getServletPath().substring(0, request.getServletPath().length() - "/access".length());
		Map<String, Boolean> actions = new LinkedHashMap<>();
		ACTIONS.keySet()
			.stream()
			.sorted()
			.forEach((action) -> actions.put(action, this.access.allows(request, api + ACTIONS.get(action))));
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("actions", actions);
		answer.put("csrf", this.access.csrf(request));
		return answer;
	}

	/**
	 * The overview: runs started, completed and failed per minute over the last hour,
	 * what is in progress, and the nodes with what each holds.
	 * @return the overview
	 */
	@GetMapping("/overview")
	public Overview overview() {
		JournalStatistics statistics = this.monitor.statistics();
		return Overview.of(statistics, this.monitor.runsPerMinute(Overview.firstMinute(statistics.asOf())),
				this.monitor.nodes(), this.monitor.status().nodeId());
	}

	/**
	 * The runs of all nodes, counted by state.
	 * @return the count of each state
	 */
	@GetMapping("/counts")
	public Map<WorkflowState, Long> counts() {
		return this.monitor.countByState();
	}

	/**
	 * A page of runs, newest first unless {@code order} is {@code asc}.
	 * @param name only runs of this workflow
	 * @param id only runs whose id starts with this
	 * @param state only runs in this state
	 * @param from only runs started at or after this instant (ISO-8601)
	 * @param before only runs started before this instant (ISO-8601)
	 * @param stalled {@code true}: only runs parked because their replay diverged
	 * @param order {@code desc} (the default) or {@code asc}
	 * @param cursor the {@code nextCursor} of the page before
	 * @return the page
	 */
	@GetMapping("/runs")
	public RunsPage runs(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String id, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String before, @RequestParam(required = false) boolean stalled,
			@RequestParam(required = false) @Nullable String order,
			@RequestParam(required = false) @Nullable String cursor) {
		ListQuery query = ListQuery.first(PAGE_SIZE).after(blankToNull(cursor));
		query = "asc".equals(order) ? query : query.descending();
		if (blankToNull(id) != null) {
			query = query.idPrefix(id.strip());
		}
		if (blankToNull(state) != null) {
			query = query.state(ListParameters.state(state));
		}
		if (stalled) {
			query = query.stalled();
		}
		if (blankToNull(from) != null) {
			query = query.createdFrom(ListParameters.instant("from", from));
		}
		if (blankToNull(before) != null) {
			query = query.createdBefore(ListParameters.instant("before", before));
		}
		WorkflowPage<WorkflowSummary> page = (blankToNull(name) != null) ? this.client.listByName(name, query)
				: this.client.list(query);
		return new RunsPage(page.items().stream().map(RunRow::of).toList(), page.nextCursor());
	}

	/**
	 * One run with its steps, children and events.
	 * @param id the workflow id
	 * @return the run
	 */
	@GetMapping("/run")
	public RunView run(@RequestParam String id) {
		return this.runs.read(WorkflowId.of(id));
	}

	/**
	 * One run as {@link #run} reads it, as server-sent events named {@code workflow}: as
	 * it is, then after every change, until it has finished.
	 * @param id the workflow id
	 * @return the stream
	 */
	@GetMapping("/run/stream")
	public SseEmitter stream(@RequestParam String id) {
		return this.streams.open(WorkflowId.of(id));
	}

	/**
	 * Cancels a run and its children in progress, as {@link WorkflowClient#cancel} does.
	 * @param id the workflow id
	 * @param request the action's request
	 * @return the run as it is then
	 */
	@PostMapping("/run/cancel")
	public RunView cancel(@RequestParam String id, HttpServletRequest request) {
		this.access.check(request);
		this.client.cancel(WorkflowId.of(id));
		return this.runs.read(WorkflowId.of(id));
	}

	/**
	 * Sends an event with the body as its value (none if the body is empty), read as the
	 * type of the workflow's event definition of that name, and checked as its values
	 * are.
	 * @param id the workflow id
	 * @param name the event name
	 * @param body the value as JSON
	 * @param request the action's request
	 * @return 204
	 */
	@PostMapping("/run/event")
	public ResponseEntity<Void> sendEvent(@RequestParam String id, @RequestParam String name,
			@RequestBody(required = false) @Nullable String body, HttpServletRequest request) {
		this.access.check(request);
		if (name.isBlank()) {
			throw new IllegalArgumentException("Name the event to send");
		}
		this.events.send(WorkflowId.of(id), name, (body == null || body.isBlank()) ? null : body);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Resumes a failed or canceled run, as {@link WorkflowClient#resume} does.
	 * @param id the workflow id
	 * @param request the action's request
	 * @return the run as it is then
	 */
	@PostMapping("/run/resume")
	public RunView resume(@RequestParam String id, HttpServletRequest request) {
		this.access.check(request);
		this.client.resume(WorkflowId.of(id));
		return this.runs.read(WorkflowId.of(id));
	}

	/**
	 * Forks a run from a position, as {@link WorkflowClient#fork} does.
	 * @param id the workflow id
	 * @param fromStep the first position the fork runs afresh
	 * @param request the action's request
	 * @return the new run
	 */
	@PostMapping("/run/fork")
	public RunView fork(@RequestParam String id, @RequestParam int fromStep, HttpServletRequest request) {
		this.access.check(request);
		return this.runs.read(this.client.fork(WorkflowId.of(id), fromStep));
	}

	/**
	 * Deletes a finished run with its steps, events and children, as
	 * {@link WorkflowClient#cleanup} does.
	 * @param id the workflow id
	 * @param request the action's request
	 * @return 204
	 */
	@PostMapping("/run/cleanup")
	public ResponseEntity<Void> cleanup(@RequestParam String id, HttpServletRequest request) {
		this.access.check(request);
		this.client.cleanup(WorkflowId.of(id));
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> refused(DashboardActionRefusedException ex) {
		return error(HttpStatus.FORBIDDEN, ex);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> notFound(WorkflowNotFoundException ex) {
		return error(HttpStatus.NOT_FOUND, ex);
	}

	/**
	 * Bad input: a malformed filter, an invalid event value, an event for a finished run,
	 * the cleanup of one in progress.
	 */
	@ExceptionHandler({ IllegalArgumentException.class, InvalidPayloadException.class, WorkflowStateException.class })
	ResponseEntity<Map<String, String>> badRequest(RuntimeException ex) {
		return error(HttpStatus.BAD_REQUEST, ex);
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, RuntimeException ex) {
		return ResponseEntity.status(status).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * A page of runs.
	 *
	 * @param runs the runs
	 * @param nextCursor the cursor of the next page, or {@code null} if this is the last
	 */
	public record RunsPage(List<RunRow> runs, @Nullable String nextCursor) {
	}

}
