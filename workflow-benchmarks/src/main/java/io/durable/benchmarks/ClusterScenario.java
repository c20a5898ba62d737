package io.durable.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The cluster scenario: node processes ({@link ClusterNode}) sharing one PostgreSQL. With
 * 1, then 2, then 3 nodes, each warmed up as it joins, {@code --workflows} workflows of
 * {@code --steps} steps are started on all of them at once, each node starting its share
 * from {@code --starters} threads, until the journal shows all completed: workflows per
 * second. Then the first node starts {@link #SLOW_RUNS} slow workflows and is killed
 * (SIGKILL) while it runs them: the time from the kill until another node has claimed
 * each of them, p50, p95 and the slowest.
 */
final class ClusterScenario {

	/** The most nodes. */
	static final int MAX_NODES = 3;

	/** Slow workflows the node killed holds. */
	static final int SLOW_RUNS = 20;

	/** Steps of a slow workflow: 5 s of them. */
	static final int SLOW_STEPS = 50;

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final BenchmarkOptions options;

	private final BenchmarkDatabase database;

	ClusterScenario(BenchmarkOptions options, BenchmarkDatabase database) {
		this.options = options;
		this.database = database;
	}

	void run(PrintStream out) throws Exception {
		List<ClusterNodeProcess> nodes = new ArrayList<>();
		try (DatabaseProbe probe = new DatabaseProbe(this.database,
				new DriverManagerDataSource(this.database.url(), this.database.username(), this.database.password()))) {
			print(out,
					new ResultLine().add("db", this.options.db())
						.addAll(probe.settings())
						.add("scenario", "cluster")
						.add("workflows", this.options.workflows())
						.add("steps", this.options.steps())
						.add("java", System.getProperty("java.version"))
						.add("cores", Runtime.getRuntime().availableProcessors())
						.add("max_parallelism", this.options.maxParallelism())
						.add("pool_size", this.options.poolSize())
						.add("starters", this.options.starters()));
			for (int count = 1; count <= MAX_NODES; count++) {
				nodes.add(ClusterNodeProcess.start("node-" + count, this.options, this.database));
				double perSecond = throughput(nodes, probe);
				print(out,
						new ResultLine().add("scenario", "cluster")
							.add("nodes", count)
							.add("workflows", this.options.workflows())
							.add("steps", this.options.steps())
							.add("wf_per_s", ResultLine.decimal(perSecond, 1)));
			}
			long[] takeovers = takeover(nodes.get(0), probe);
			Arrays.sort(takeovers);
			print(out,
					new ResultLine().add("scenario", "takeover")
						.add("nodes", MAX_NODES)
						.add("runs", takeovers.length)
						.add("p50_ms", ResultLine.millis(LatencyScenario.percentile(takeovers, 50)))
						.add("p95_ms", ResultLine.millis(LatencyScenario.percentile(takeovers, 95)))
						.add("max_ms", ResultLine.millis(takeovers[takeovers.length - 1])));
		}
		finally {
			for (ClusterNodeProcess node : nodes) {
				node.close();
			}
		}
	}

	/**
	 * Starts the workflows on every node at once, each its share, and waits until all
	 * completed.
	 */
	private double throughput(List<ClusterNodeProcess> nodes, DatabaseProbe probe) throws Exception {
		int workflows = this.options.workflows();
		Instant since = Instant.now();
		long began = System.nanoTime();
		ExecutorService commands = Executors.newFixedThreadPool(nodes.size());
		try {
			List<Future<?>> started = new ArrayList<>();
			for (int i = 0; i < nodes.size(); i++) {
				ClusterNodeProcess node = nodes.get(i);
				String command = "go " + (workflows / nodes.size() + ((i < workflows % nodes.size()) ? 1 : 0));
				started.add(commands.submit(() -> {
					node.command(command);
					return null;
				}));
			}
			for (Future<?> future : started) {
				future.get();
			}
		}
		finally {
			commands.shutdownNow();
		}
		long deadline = began + TIMEOUT.toNanos();
		while (probe.runs("COMPLETED", since) < workflows) {
			if (probe.runs("FAILED", since) > 0 || System.nanoTime() > deadline) {
				throw new IllegalStateException("Cluster workflows failed or did not finish; see the nodes' logs");
			}
			// Seldom enough that counting costs the nodes little: up to this late, of a
			// run of seconds.
			Thread.sleep(50);
		}
		return workflows / ((System.nanoTime() - began) / 1e9);
	}

	/**
	 * Has the node start slow workflows, kills it once they all run there, and times how
	 * long after the kill the other nodes claimed each of them.
	 * @return the nanoseconds from the kill to each run's claim
	 */
	private long[] takeover(ClusterNodeProcess victim, DatabaseProbe probe) throws Exception {
		victim.command("slow " + SLOW_RUNS);
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (probe.owners("benchmark-slow").values().stream().filter(victim.name()::equals).count() < SLOW_RUNS) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The slow workflows did not all run on " + victim.name());
			}
			Thread.sleep(10);
		}
		long killed = System.nanoTime();
		victim.kill();
		Map<String, Long> claimed = new HashMap<>();
		while (claimed.size() < SLOW_RUNS) {
			Map<String, String> owners = probe.owners("benchmark-slow");
			long now = System.nanoTime();
			if (now > deadline) {
				throw new IllegalStateException(
						"Only " + claimed.size() + " of the killed node's runs were taken over");
			}
			owners.forEach((id, owner) -> {
				if (!owner.isEmpty() && !owner.equals(victim.name())) {
					claimed.putIfAbsent(id, now - killed);
				}
			});
			Thread.sleep(5);
		}
		return claimed.values().stream().mapToLong(Long::longValue).toArray();
	}

	private static void print(PrintStream out, ResultLine line) {
		out.println(line);
		out.flush();
	}

}
