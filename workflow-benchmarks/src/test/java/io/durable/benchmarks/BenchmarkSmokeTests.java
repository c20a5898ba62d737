package io.durable.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Runs the benchmark with tiny numbers and checks the shape of its output. */
class BenchmarkSmokeTests {

	private static final String MS = "\\d+\\.\\d{3}";

	private static final String RATIO = "\\d+\\.\\d{2}";

	/** A throughput line's figures after its sizes. */
	private static final String RATE = "wf_per_s=\\d+\\.\\d steps_per_s=\\d+\\.\\d commits_per_wf=n/a"
			+ " wf_per_commit=\\d+\\.\\d{3} plan_pct=n/a";

	@Test
	void printsTheSettingsEveryScenarioAndASummaryLast() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BenchmarkOptions options = BenchmarkOptions.parse("--db", "h2", "--workflows", "20", "--steps", "3", "--warmup",
				"10", "--latency-samples", "10", "--growth-repetitions=1", "--cold-seconds", "1");

		BenchmarkApplication.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));

		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(13);
		assertThat(lines.get(0)).matches("db=h2 server=h2-\\S+ synchronous_commit=n/a fsync=n/a workflows=20 steps=3"
				+ " java=\\S+ cores=\\d+ max_parallelism=25 pool_size=10 starters=16");
		assertThat(lines.get(1)).matches("scenario=commit samples=10 p50_ms=" + MS + " p95_ms=" + MS);
		assertThat(lines.get(2)).matches("scenario=cold workflows=[1-9]\\d* steps=3 starters=16 " + RATE);
		assertThat(lines.get(3)).matches("scenario=warmup rounds=([1-9]|10) last_round_jit_pct=\\d+\\.\\d");
		assertThat(lines.get(4)).matches("scenario=throughput workflows=20 steps=3 starters=16 " + RATE);
		assertThat(lines.subList(5, 8)).satisfiesExactly(
				(line) -> assertThat(line).matches("scenario=starters workflows=20 steps=3 starters=1 " + RATE),
				(line) -> assertThat(line).matches("scenario=starters workflows=20 steps=3 starters=4 " + RATE),
				(line) -> assertThat(line).matches("scenario=starters workflows=20 steps=3 starters=16 " + RATE));
		assertThat(lines.get(8)).matches("scenario=latency samples=10 p50_ms=" + MS + " p95_ms=" + MS
				+ " first_step_p50_ms=" + MS + " p50_commits=" + RATIO + " first_step_commits=" + RATIO);
		assertThat(lines.get(9)).matches("scenario=journal_floor samples=10 p50_ms=" + MS + " p50_commits=" + RATIO
				+ " start_commits=" + RATIO + " step_commits=" + RATIO + " finish_commits=" + RATIO);
		assertThat(lines.get(10)).matches("scenario=growth per_step_ms_10=" + MS + " per_step_ms_1000=" + MS + " ratio="
				+ RATIO + " per_step_commits_1000=" + RATIO);
		assertThat(lines.get(11)).matches("scenario=parallel workflows=4 width=10 starters=16 " + RATE);
		assertThat(lines.get(12)).matches("scenario=summary db=h2 wf_per_s=\\d+\\.\\d commits_per_wf=n/a"
				+ " cold_wf_per_s=\\d+\\.\\d starters_1_wf_per_s=\\d+\\.\\d starters_4_wf_per_s=\\d+\\.\\d"
				+ " starters_16_wf_per_s=\\d+\\.\\d p50_ms=" + MS + " p95_ms=" + MS + " first_step_p50_ms=" + MS
				+ " per_step_ms_10=" + MS + " per_step_ms_1000=" + MS + " ratio=" + RATIO
				+ " parallel_steps_per_s=\\d+\\.\\d commit_p50_ms=" + MS + " p50_commits=" + RATIO
				+ " first_step_commits=" + RATIO + " journal_floor_commits=" + RATIO + " per_step_commits_1000="
				+ RATIO);
	}

	@Test
	void theQueuesScenarioPrintsTheThroughputInNoQueueAndInQueues() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BenchmarkOptions options = BenchmarkOptions.parse("--db", "h2", "--scenario", "queues", "--workflows", "20",
				"--steps", "2");

		BenchmarkApplication.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));

		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).matches(
				"db=h2 server=h2-\\S+ synchronous_commit=n/a fsync=n/a scenario=queues workflows=20 steps=2 starters=16");
		assertThat(lines.get(1)).matches("scenario=queues workflows=20 steps=2 no_queue_wf_per_s=\\d+\\.\\d"
				+ " open_queue_wf_per_s=\\d+\\.\\d limited_4_wf_per_s=\\d+\\.\\d open_queue_overhead_pct=-?\\d+\\.\\d");
	}

	@Test
	void theDashboardScenarioPrintsTheTimeOfEachPage() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BenchmarkOptions options = BenchmarkOptions.parse("--db", "h2", "--scenario", "dashboard", "--workflows",
				"300");

		BenchmarkApplication.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));

		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0))
			.matches("db=h2 server=h2-\\S+ synchronous_commit=n/a fsync=n/a scenario=dashboard runs=300");
		StringBuilder pages = new StringBuilder("scenario=dashboard runs=300");
		for (String page : List.of("newest", "by_state", "by_name", "by_window", "by_id_prefix", "deep_next", "counts",
				"overview_counts", "overview_per_minute", "overview_nodes", "run")) {
			pages.append(" ")
				.append(page)
				.append("_p50_ms=")
				.append(MS)
				.append(" ")
				.append(page)
				.append("_max_ms=")
				.append(MS);
		}
		assertThat(lines.get(1)).matches(pages.toString());
	}

	@Test
	void theClusterScenarioPrintsEachNodeCountAndTheTakeover() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BenchmarkOptions options = BenchmarkOptions.parse("--db", "postgres", "--scenario", "cluster", "--workflows",
				"30", "--warmup", "0");

		BenchmarkApplication.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));

		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).matches("db=postgres server=postgresql-\\S+ synchronous_commit=on fsync=on"
				+ " scenario=cluster workflows=30 steps=3 java=\\S+ cores=\\d+ max_parallelism=25 pool_size=10 starters=16");
		for (int nodes = 1; nodes <= 3; nodes++) {
			assertThat(lines.get(nodes))
				.matches("scenario=cluster nodes=" + nodes + " workflows=30 steps=3 wf_per_s=\\d+\\.\\d");
		}
		assertThat(lines.get(4))
			.matches("scenario=takeover nodes=3 runs=20 p50_ms=" + MS + " p95_ms=" + MS + " max_ms=" + MS);
	}

	@Test
	void rejectsUnknownOptionsAndBadValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--nope", "1"))
			.withMessageContaining("Unknown option --nope");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--db", "oracle"))
			.withMessageContaining("h2 or postgres");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--workflows", "many"))
			.withMessageContaining("whole number");
		assertThat(BenchmarkOptions.parse("--jdbc-url", "jdbc:postgresql://localhost/db").db()).isEqualTo("postgres");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--scenario", "cluster"))
			.withMessageContaining("needs PostgreSQL");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--plan-stats", "true"))
			.withMessageContaining("needs the embedded PostgreSQL");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--plan-stats", "yes"))
			.withMessageContaining("true or false");
	}

}
