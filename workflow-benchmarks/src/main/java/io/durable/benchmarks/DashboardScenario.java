package io.durable.benchmarks;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.durable.workflow.ListQuery;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.WorkflowMonitor;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the dashboard's pages cost over a large journal: {@code --workflows} runs are
 * written straight into the journal (a tenth in progress, far from due; the rest
 * finished; two workflow names; started 100 ms apart, the last just now), then each query
 * behind a page runs {@value #SAMPLES} times after as many unmeasured ones: the newest
 * page, a page by state, by name, by a window of start times, by an id prefix, the next
 * page after a cursor deep in the list, the counts by state, the overview's three parts
 * (the counts in progress, the runs per minute of the last hour, the nodes), and a run
 * with its steps. One line: the median and the slowest of each, in milliseconds.
 */
@Component
class DashboardScenario {

	static final int SAMPLES = 20;

	private static final int PAGE = 25;

	private final WorkflowClient client;

	private final WorkflowMonitor monitor;

	private final JdbcTemplate jdbc;

	private final DatabaseProbe probe;

	DashboardScenario(WorkflowClient client, WorkflowMonitor monitor, JdbcTemplate jdbc, DatabaseProbe probe) {
		this.client = client;
		this.monitor = monitor;
		this.jdbc = jdbc;
		this.probe = probe;
	}

	void run(BenchmarkOptions options, PrintStream out) throws Exception {
		int runs = options.workflows();
		out.println(new ResultLine().add("db", options.db())
			.addAll(this.probe.settings())
			.add("scenario", "dashboard")
			.add("runs", runs));
		Instant first = Instant.now().minusMillis(100L * runs);
		fill(runs, first);
		String deepCursor = cursorAfterPages(Math.max(0, Math.min(40, runs / PAGE - 1)));
		Instant windowFrom = first.plusMillis(100L * runs / 2);
		Map<String, Supplier<Object>> pages = new LinkedHashMap<>();
		pages.put("newest", () -> this.client.list(ListQuery.first(PAGE).descending()));
		pages.put("by_state", () -> this.client.list(ListQuery.first(PAGE).descending().state(WorkflowState.FAILED)));
		pages.put("by_name", () -> this.client.listByName("dash-b", ListQuery.first(PAGE).descending()));
		pages.put("by_window",
				() -> this.client.list(ListQuery.first(PAGE)
					.descending()
					.createdFrom(windowFrom)
					.createdBefore(windowFrom.plus(Duration.ofMinutes(1)))));
		pages.put("by_id_prefix",
				() -> this.client.list(ListQuery.first(PAGE).descending().idPrefix(id(runs / 2).substring(0, 10))));
		pages.put("deep_next", () -> this.client.list(ListQuery.first(PAGE).descending().after(deepCursor)));
		pages.put("counts", this.monitor::countByState);
		pages.put("overview_counts", this.monitor::statistics);
		pages.put("overview_per_minute", () -> this.monitor.runsPerMinute(Instant.now().minus(Duration.ofMinutes(60))));
		pages.put("overview_nodes", this.monitor::nodes);
		WorkflowId run = WorkflowId.of(id(runs / 2));
		pages.put("run", () -> List.of(this.client.describe(run), this.client.listSteps(run, ListQuery.first(100))));
		ResultLine line = new ResultLine().add("scenario", "dashboard").add("runs", runs);
		for (Map.Entry<String, Supplier<Object>> page : pages.entrySet()) {
			long[] times = new long[SAMPLES];
			for (int i = 0; i < 2 * SAMPLES; i++) {
				long began = System.nanoTime();
				page.getValue().get();
				if (i >= SAMPLES) {
					times[i - SAMPLES] = System.nanoTime() - began;
				}
			}
			line.add(page.getKey() + "_p50_ms", ResultLine.millis(LatencyScenario.percentile(times, 50)))
				.add(page.getKey() + "_max_ms", ResultLine.millis(LatencyScenario.percentile(times, 100)));
		}
		out.println(line);
		out.flush();
	}

	/** Writes the runs, in batches; the run in the middle gets 20 steps. */
	private void fill(int runs, Instant first) {
		List<Object[]> batch = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			WorkflowState state = (i % 10 == 0) ? WorkflowState.IN_PROGRESS : (i % 10 == 1) ? WorkflowState.FAILED
					: (i % 10 == 2) ? WorkflowState.CANCELED : WorkflowState.COMPLETED;
			Timestamp created = Timestamp.from(first.plusMillis(100L * i));
			boolean finished = state != WorkflowState.IN_PROGRESS;
			batch.add(new Object[] { id(i), (i % 3 == 0) ? "dash-b" : "dash-a", state.name(),
					finished ? null : Timestamp.from(Instant.now().plus(Duration.ofDays(365))), created,
					finished ? created : null, (state == WorkflowState.FAILED) ? "boom" : null });
			if (batch.size() == 1000 || i == runs - 1) {
				this.jdbc
					.batchUpdate("INSERT INTO workflow_run (id, name, state, args, due_at, created_at, finished_at,"
							+ " error) VALUES (?, ?, ?, '[]', ?, ?, ?, ?)", batch);
				batch.clear();
			}
		}
		for (int sequence = 0; sequence < 20; sequence++) {
			this.jdbc.update(
					"INSERT INTO workflow_step (run_id, seq, name, state, attempts, result, started_at,"
							+ " finished_at) VALUES (?, ?, 'step', 'COMPLETED', 1, '1', ?, ?)",
					id(runs / 2), sequence, Timestamp.from(first), Timestamp.from(first));
		}
	}

	/** The cursor after this many pages of the newest-first list. */
	private String cursorAfterPages(int pages) {
		String cursor = null;
		for (int page = 0; page < pages; page++) {
			WorkflowPage<WorkflowSummary> next = this.client.list(ListQuery.first(PAGE).descending().after(cursor));
			cursor = next.nextCursor();
		}
		return cursor;
	}

	private static String id(int index) {
		return String.format("dash-%07d", index);
	}

}
