package io.durable.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits of named queues hold with three node processes sharing one PostgreSQL, all
 * starting runs of the queues at once: measured from the journal's times, no more runs of
 * {@link QueueScenario#LIMITED} executed at once than its concurrency, and no more runs
 * of {@link QueueScenario#RATED} began in any window of its period than its rate limit;
 * and when a node holding runs of the queue is killed, the others take them and their
 * places over and finish them all.
 */
class QueueLimitsClusterTests {

	private static final int LIMITED_PER_NODE = 20;

	private static final int RATED_PER_NODE = 15;

	@Test
	void threeNodesExecuteNoMoreAtOnceAndBeginNoMorePerPeriodThanTheQueuesAllow() throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse("--db", "postgres", "--warmup", "0", "--starters", "4");
		try (BenchmarkDatabase database = BenchmarkDatabase.open(options)) {
			JdbcClient jdbc = JdbcClient
				.create(new DriverManagerDataSource(database.url(), database.username(), database.password()));
			List<ClusterNodeProcess> nodes = new ArrayList<>();
			try {
				for (int i = 1; i <= 3; i++) {
					nodes.add(ClusterNodeProcess.start("queue-node-" + i, options, database));
				}
				onEveryNode(nodes, "limited " + LIMITED_PER_NODE, "rated " + RATED_PER_NODE);
				await().atMost(Duration.ofMinutes(2))
					.until(() -> jdbc
						.sql("SELECT COUNT(*) FROM workflow_run WHERE queue IN (?, ?)" + " AND state = 'COMPLETED'")
						.params(QueueScenario.LIMITED, QueueScenario.RATED)
						.query(Long.class)
						.single() == 3 * (LIMITED_PER_NODE + RATED_PER_NODE));
			}
			finally {
				for (ClusterNodeProcess node : nodes) {
					node.close();
				}
			}
			assertThat(mostAtOnce(jdbc, 3 * LIMITED_PER_NODE)).isEqualTo(QueueScenario.LIMITED_CONCURRENCY);
			List<Instant> begun = jdbc.sql("SELECT started_at FROM workflow_run WHERE queue = ? ORDER BY started_at")
				.param(QueueScenario.RATED)
				.query((rows, row) -> rows.getObject(1, OffsetDateTime.class).toInstant())
				.list();
			assertThat(begun).hasSize(3 * RATED_PER_NODE);
			for (int i = 0; i + QueueScenario.RATE_LIMIT < begun.size(); i++) {
				assertThat(Duration.between(begun.get(i), begun.get(i + QueueScenario.RATE_LIMIT)))
					.as("runs %d to %d began within one period", i, i + QueueScenario.RATE_LIMIT)
					.isGreaterThanOrEqualTo(QueueScenario.RATE_PERIOD);
			}
		}
	}

	@Test
	void theRunsOfAKilledNodeGiveTheirPlacesInTheQueueBackWhenTheyAreTakenOver() throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse("--db", "postgres", "--warmup", "0", "--starters", "4");
		try (BenchmarkDatabase database = BenchmarkDatabase.open(options)) {
			JdbcClient jdbc = JdbcClient
				.create(new DriverManagerDataSource(database.url(), database.username(), database.password()));
			List<ClusterNodeProcess> nodes = new ArrayList<>();
			List<String> held = new ArrayList<>();
			try {
				for (int i = 1; i <= 3; i++) {
					nodes.add(ClusterNodeProcess.start("crash-node-" + i, options, database));
				}
				ClusterNodeProcess victim = nodes.get(0);
				victim.command("limited-slow 8");
				// It took places of the queue as it started them (all four, unless
				// another
				// node's poll came between a start and its claim).
				held.addAll(jdbc.sql("SELECT id FROM workflow_run WHERE queue = ? AND owner = ?")
					.params(QueueScenario.LIMITED, victim.name())
					.query(String.class)
					.list());
				assertThat(held).isNotEmpty();
				victim.kill();
				await().atMost(Duration.ofMinutes(1))
					.until(() -> jdbc.sql("SELECT COUNT(*) FROM workflow_run WHERE queue = ? AND state = 'COMPLETED'")
						.param(QueueScenario.LIMITED)
						.query(Long.class)
						.single() == 8);
			}
			finally {
				for (ClusterNodeProcess node : nodes) {
					node.close();
				}
			}
			// The killed node's runs stayed in progress, holding their places, until the
			// others took them over; every run then finished there, and none began while
			// all places were held.
			assertThat(mostAtOnce(jdbc, 8)).isEqualTo(QueueScenario.LIMITED_CONCURRENCY);
			assertThat(jdbc.sql("SELECT id FROM workflow_run WHERE queue = ? AND state = 'COMPLETED'")
				.param(QueueScenario.LIMITED)
				.query(String.class)
				.list()).containsAll(held);
		}
	}

	/** Sends the commands to every node at once, each node's in order. */
	private static void onEveryNode(List<ClusterNodeProcess> nodes, String... commands) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (ClusterNodeProcess node : nodes) {
				sent.add(threads.submit(() -> {
					for (String command : commands) {
						node.command(command);
					}
					return null;
				}));
			}
			for (Future<?> future : sent) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * The most runs of the limited queue that executed at once, from when each was first
	 * claimed to when it finished: a finish at the same time as a claim comes first.
	 * @param runs how many runs the queue had
	 */
	private static int mostAtOnce(JdbcClient jdbc, int runs) {
		record Change(Instant at, int delta) {
		}
		List<Change> changes = new ArrayList<>();
		jdbc.sql("SELECT started_at, finished_at FROM workflow_run WHERE queue = ?")
			.param(QueueScenario.LIMITED)
			.query((rows) -> {
				changes.add(new Change(rows.getObject(1, OffsetDateTime.class).toInstant(), 1));
				changes.add(new Change(rows.getObject(2, OffsetDateTime.class).toInstant(), -1));
			});
		assertThat(changes).hasSize(2 * runs);
		changes.sort(Comparator.comparing(Change::at).thenComparing(Change::delta));
		int executing = 0;
		int most = 0;
		for (Change change : changes) {
			executing += change.delta();
			most = Math.max(most, executing);
		}
		return most;
	}

}
