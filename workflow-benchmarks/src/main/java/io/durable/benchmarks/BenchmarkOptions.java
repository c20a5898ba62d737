package io.durable.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the benchmark: which database, how many workflows of how many
 * steps, and the knobs that size the run. Measures nothing itself.
 *
 * <p>
 * Options are written {@code --name value} or {@code --name=value}.
 *
 * @param db {@code h2} (in memory) or {@code postgres} (embedded unless {@code jdbcUrl}
 * is set)
 * @param workflows workflows started by the throughput scenario
 * @param steps steps of each workflow of the throughput scenario
 * @param jdbcUrl an external PostgreSQL to use instead of the embedded one, or
 * {@code null}
 * @param jdbcUsername the user for {@code jdbcUrl}
 * @param jdbcPassword the password for {@code jdbcUrl}
 * @param warmup workflows each warm-up round runs concurrently, and again one at a time,
 * before anything is measured (0: no warm-up)
 * @param latencySamples workflows run one at a time by the latency scenario
 * @param growthRepetitions runs of each length in the growth scenario (the median counts)
 * @param starters threads calling {@code start} in the throughput scenario (16: a start
 * returns once its run is committed, so one thread offers at most one workflow per
 * commit; a few would measure how fast they can start, not how many workflows the engine
 * completes)
 * @param maxParallelism {@code workflow.max-parallelism}: workflow turns running at once
 * (the engine's default, 25: a turn holds a connection only for one statement at a time,
 * so turns beyond the pool's size wait for a connection without using the CPU)
 * @param poolSize the connection pool's maximum size (10: on two cores the CPU is the
 * limit, and PostgreSQL spends more CPU per workflow the more backends commit at once,
 * while 10 in-flight commits are enough for it to flush several with one WAL flush)
 * @param coldSeconds how long the cold scenario starts workflows on the fresh engine
 * @param planStats whether the embedded PostgreSQL records planning and execution times
 * ({@code pg_stat_statements} with {@code track_planning}, which costs some throughput
 * itself), so that the throughput scenario reports PostgreSQL's share of time planning
 * @param scenario {@code standard} (this process runs every scenario but the cluster one)
 * or {@code cluster} (node processes on one PostgreSQL: see {@link ClusterScenario}) or
 * {@code dashboard} (the dashboard's queries over a journal of {@code workflows} runs:
 * see {@link DashboardScenario})
 * @param node the node's name when this process is a node of the cluster scenario, else
 * {@code null}
 */
public record BenchmarkOptions(String db, int workflows, int steps, String jdbcUrl, String jdbcUsername,
		String jdbcPassword, int warmup, int latencySamples, int growthRepetitions, int starters, int maxParallelism,
		int poolSize, int coldSeconds, boolean planStats, String scenario, String node) {

	static final String USAGE = """
			Usage: java -jar workflow-benchmarks.jar [options]
			  --db h2|postgres          database (default h2; postgres is embedded unless --jdbc-url is given)
			  --workflows N             workflows in the throughput scenario (default 2000)
			  --steps K                 steps per workflow in the throughput scenario (default 3)
			  --jdbc-url URL            an external PostgreSQL (implies --db postgres)
			  --jdbc-username USER      its user (default postgres)
			  --jdbc-password PASSWORD  its password (default empty)
			  --warmup N                workflows per unmeasured warm-up round, concurrently and one at a time;
			                            rounds repeat until the JIT compiler settles, at most 10 (default 500, 0: none)
			  --latency-samples N       workflows run one at a time for latency (default 500)
			  --growth-repetitions N    runs of the 10- and the 1000-step workflow (default 5)
			  --starters N              threads starting workflows for throughput (default 16)
			  --max-parallelism N       workflow.max-parallelism (default 25, the engine's default)
			  --pool-size N             connection pool size (default 10)
			  --cold-seconds N          how long the fresh engine starts workflows before the warm-up (default 10)
			  --plan-stats true|false   embedded PostgreSQL records planning times (pg_stat_statements), and
			                            throughput reports the share of them (default false: it costs throughput)
			  --scenario standard|cluster|dashboard|queues
			                            standard: every scenario below in this process (default);
			                            cluster: 1, 2 and 3 node processes on one PostgreSQL, workflows/s
			                            for each, then the takeover time after killing one (needs postgres);
			                            dashboard: the dashboard's queries over a journal of --workflows runs;
			                            queues: workflows/s in no queue, a queue without limits, one of
			                            concurrency 4
			  --node NAME               internal: run as a node of the cluster scenario
			""";

	/**
	 * Reads the command line.
	 * @param args the arguments of {@code main}
	 * @return the options
	 * @throws IllegalArgumentException for an unknown option, a missing or malformed
	 * value
	 */
	public static BenchmarkOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'\n" + USAGE);
			}
			int equals = arg.indexOf('=');
			if (equals > 0) {
				values.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
			else if (i + 1 < args.length) {
				values.put(arg.substring(2), args[++i]);
			}
			else {
				throw new IllegalArgumentException("Option " + arg + " needs a value\n" + USAGE);
			}
		}
		Map<String, String> remaining = new LinkedHashMap<>(values);
		String jdbcUrl = remaining.remove("jdbc-url");
		String db = remaining.getOrDefault("db", (jdbcUrl != null) ? "postgres" : "h2");
		remaining.remove("db");
		if (!db.equals("h2") && !db.equals("postgres")) {
			throw new IllegalArgumentException("--db must be h2 or postgres, not '" + db + "'");
		}
		if (jdbcUrl != null && !db.equals("postgres")) {
			throw new IllegalArgumentException(
					"--jdbc-url names a PostgreSQL database; it cannot be used with --db " + db);
		}
		BenchmarkOptions options = new BenchmarkOptions(db, number(remaining, "workflows", 2000),
				number(remaining, "steps", 3), jdbcUrl, text(remaining, "jdbc-username", "postgres"),
				text(remaining, "jdbc-password", ""), number(remaining, "warmup", 500),
				number(remaining, "latency-samples", 500), number(remaining, "growth-repetitions", 5),
				number(remaining, "starters", 16), number(remaining, "max-parallelism", 25),
				number(remaining, "pool-size", 10), number(remaining, "cold-seconds", 10),
				flag(remaining, "plan-stats"), text(remaining, "scenario", "standard"), text(remaining, "node", null));
		if (!remaining.isEmpty()) {
			throw new IllegalArgumentException(
					"Unknown option --" + remaining.keySet().iterator().next() + "\n" + USAGE);
		}
		if (!List.of("standard", "cluster", "dashboard", "queues").contains(options.scenario)) {
			throw new IllegalArgumentException(
					"--scenario must be standard, cluster, dashboard or queues, not '" + options.scenario + "'");
		}
		if (options.planStats && (!options.postgres() || jdbcUrl != null)) {
			throw new IllegalArgumentException("--plan-stats needs the embedded PostgreSQL: --db postgres");
		}
		if (options.scenario.equals("cluster") && !options.postgres()) {
			throw new IllegalArgumentException("--scenario cluster needs PostgreSQL: --db postgres or --jdbc-url");
		}
		if (options.workflows < 1 || options.steps < 1 || options.latencySamples < 1 || options.growthRepetitions < 1
				|| options.starters < 1 || options.maxParallelism < 1 || options.poolSize < 1
				|| options.coldSeconds < 1) {
			throw new IllegalArgumentException("Counts must be positive (only --warmup may be 0)\n" + USAGE);
		}
		return options;
	}

	/** Whether the benchmark runs on PostgreSQL (embedded or external). */
	boolean postgres() {
		return this.db.equals("postgres");
	}

	private static int number(Map<String, String> values, String name, int fallback) {
		String value = values.remove(name);
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value);
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number >= 0, not '" + value + "'");
		}
	}

	private static boolean flag(Map<String, String> values, String name) {
		String value = values.remove(name);
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw new IllegalArgumentException("--" + name + " must be true or false, not '" + value + "'");
	}

	private static String text(Map<String, String> values, String name, String fallback) {
		String value = values.remove(name);
		return (value != null) ? value : fallback;
	}

}
