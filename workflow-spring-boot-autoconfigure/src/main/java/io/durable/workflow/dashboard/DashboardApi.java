package io.durable.workflow.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durable.workflow.ListQuery;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.engine.client.ListParameters;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's JSON API, below {@code workflow.dashboard.path}: a page of runs with
 * filters, the runs counted by state, and one run with its steps. It only reads, through
 * the {@link WorkflowClient} and the engine's {@link WorkflowMonitor}.
 */
@RestController
@RequestMapping("${workflow.dashboard.path:/workflows}/api")
public class DashboardApi {

	/** The most steps a run's page shows. */
	static final int MAX_STEPS = 1000;

	/** The most children a run's page shows, oldest first. */
	static final int MAX_CHILDREN = 100;

	private static final int PAGE_SIZE = 25;

	private final WorkflowClient client;

	private final WorkflowMonitor monitor;

	public DashboardApi(WorkflowClient client, WorkflowMonitor monitor) {
		this.client = client;
		this.monitor = monitor;
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
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String before, @RequestParam(required = false) boolean stalled,
			@RequestParam(required = false) @Nullable String order,
			@RequestParam(required = false) @Nullable String cursor) {
		ListQuery query = ListQuery.first(PAGE_SIZE).after(blankToNull(cursor));
		query = "asc".equals(order) ? query : query.descending();
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
	 * One run with its steps.
	 * @param id the workflow id
	 * @return the run
	 */
	@GetMapping("/run")
	public RunView run(@RequestParam String id) {
		WorkflowId workflowId = WorkflowId.of(id);
		WorkflowSummary summary = this.client.describe(workflowId);
		List<StepInfo> steps = new ArrayList<>();
		String cursor = null;
		do {
			WorkflowPage<StepInfo> page = this.client.listSteps(workflowId, ListQuery.first(100).after(cursor));
			steps.addAll(page.items());
			cursor = page.nextCursor();
		}
		while (cursor != null && steps.size() < MAX_STEPS);
		List<RunRow> children = this.client.list(ListQuery.first(MAX_CHILDREN).parent(workflowId))
			.items()
			.stream()
			.map(RunRow::of)
			.toList();
		Map<String, Long> pendingEvents = (this.client
			.status(workflowId) instanceof WorkflowStatus.InProgress inProgress) ? inProgress.pendingEvents()
					: Map.of();
		return new RunView(RunRow.of(summary), summary.parent() != null ? summary.parent().value() : null,
				summary.result(), summary.lastVersion(), steps, children, pendingEvents);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> notFound(WorkflowNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
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

	/**
	 * A run as the list shows it.
	 *
	 * @param id the workflow id
	 * @param name the workflow's name
	 * @param state its state
	 * @param createdAt when it started
	 * @param finishedAt when it finished, or {@code null}
	 * @param error the error of a failed run, or {@code null}
	 * @param stalled why a run in progress is parked, or {@code null}
	 * @param startedVersion the code version it started on, or {@code null}
	 */
	public record RunRow(String id, String name, WorkflowState state, Instant createdAt, @Nullable Instant finishedAt,
			@Nullable String error, @Nullable String stalled, @Nullable String startedVersion) {

		static RunRow of(WorkflowSummary summary) {
			return new RunRow(summary.id().value(), summary.name(), summary.state(), summary.createdAt(),
					summary.finishedAt(), summary.error(), summary.stalled(), summary.startedVersion());
		}

	}

	/**
	 * A run with its steps.
	 *
	 * @param run the run as listed
	 * @param parent its parent's id, or {@code null}
	 * @param result its return value as JSON, or {@code null}
	 * @param lastVersion the code version that last claimed it, or {@code null}
	 * @param steps its steps, in journal order (at most {@value DashboardApi#MAX_STEPS})
	 * @param children its child workflows, oldest first (at most
	 * {@value DashboardApi#MAX_CHILDREN})
	 * @param pendingEvents the events sent to it that no wait has received yet, by name
	 */
	public record RunView(RunRow run, @Nullable String parent, @Nullable String result, @Nullable String lastVersion,
			List<StepInfo> steps, List<RunRow> children, Map<String, Long> pendingEvents) {
	}

}
