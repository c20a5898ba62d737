package com.example.onboarding;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.durable.workflow.test.StoppablePostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboardings on node JVMs sharing a real PostgreSQL, through SIGKILLs of nodes while
 * they run steps (each replaced by a new node), then the database stopped and started
 * again: every workflow completes, none fails, every transactional effect and outcome is
 * recorded exactly once, each killed node's runs are taken over within the takeover time
 * (the leases last a minute), and no step runs on two nodes at once (as each node's
 * {@link StepExecutionLog} shows).
 *
 * <p>
 * The test command runs it small: 10 onboardings on 2 nodes, one kill, a 5 s outage. The
 * system properties {@code chaos.workflows}, {@code chaos.nodes}, {@code chaos.kills},
 * {@code chaos.kill-interval} and {@code chaos.outage} size it up (see the README's
 * Guarantees); with a kill interval, the onboardings start spread over the kills. It
 * prints its figures on a {@code chaos:} line.
 */
class PostgresChaosTests {

	private static final int WORKFLOWS = Integer.getInteger("chaos.workflows", 10);

	private static final int NODES = Integer.getInteger("chaos.nodes", 2);

	private static final int KILLS = Integer.getInteger("chaos.kills", 1);

	private static final Duration KILL_INTERVAL = duration("chaos.kill-interval", "0s");

	private static final Duration OUTAGE = duration("chaos.outage", "5s");

	/** Long enough that the leases are not what moves runs on. */
	private static final Duration LEASE = Duration.ofSeconds(60);

	/**
	 * What the README promises for a takeover after a crash on PostgreSQL, at the 95th
	 * percentile.
	 */
	private static final Duration TAKEOVER = Duration.ofSeconds(2);

	/**
	 * How long a call to the nodes is tried again, on the nodes alive, while nodes die.
	 */
	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

	private final Path directory = Path.of("target", "crash-tests", getClass().getSimpleName()).toAbsolutePath();

	@RegisterExtension
	final SampleApps apps = new SampleApps(this.directory);

	/** The nodes alive, as far as the test knows. */
	private final List<SampleAppProcess> nodes = new CopyOnWriteArrayList<>();

	@Test
	void everyOnboardingCompletesOnceThroughKillsAndADatabaseOutage() throws Exception {
		try (StoppablePostgres database = StoppablePostgres.start(this.directory.resolve("postgres"))) {
			for (int i = 1; i <= NODES; i++) {
				startNode("node-" + i, database);
			}
			OnboardingDatabase journal = new OnboardingDatabase(
					JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), "postgres", "postgres")));
			Instant began = Instant.now();
			Duration spacing = KILL_INTERVAL.multipliedBy(KILLS).dividedBy(WORKFLOWS);
			ExecutorService starters = Executors.newFixedThreadPool(4);
			List<Future<String>> started = new ArrayList<>();
			for (int i = 0; i < WORKFLOWS; i++) {
				Instant at = began.plus(spacing.multipliedBy(i));
				String id = "chaos-" + i;
				started.add(starters.submit(() -> startAndVerify(id, at)));
			}
			if (KILL_INTERVAL.isZero()) {
				awaitAll(started);
			}
			Map<String, Duration> takeovers = new TreeMap<>();
			List<String> killed = new ArrayList<>();
			Map<String, Instant> deaths = new TreeMap<>();
			for (int k = 1; k <= KILLS; k++) {
				Thread.sleep(Math.max(0,
						Duration.between(Instant.now(), began.plus(KILL_INTERVAL.multipliedBy(k))).toMillis()));
				SampleAppProcess victim = await("a node running a step").atMost(CrashRecoveryTests.PROGRESS_TIMEOUT)
					.until(this::nodeRunningAStep, (node) -> node != null);
				Instant killedAt = Instant.now();
				this.nodes.remove(victim);
				victim.kill();
				deaths.put(victim.name(), Instant.now());
				killed.add(victim.name());
				Set<String> cutOff = unfinished(victim.name());
				takeovers.putAll(awaitTakeover(cutOff, killedAt, k, journal));
				startNode("node-" + (NODES + k), database);
			}
			List<String> ids = awaitAll(started);
			starters.shutdown();

			// The outage is the scenario's stimulus, not a wait for something to happen.
			database.stop();
			Thread.sleep(OUTAGE.toMillis());
			database.restart();

			for (String id : ids) {
				await("onboarding " + id + " finished").atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofMillis(250))
					.until(() -> onAnyNode((api) -> api.workflow(id)), OnboardingApi::finished);
			}
			for (SampleAppProcess node : this.nodes) {
				node.stop();
			}

			List<StepExecutionLog.Execution> executions = new ArrayList<>();
			for (String node : nodeNames()) {
				executions.addAll(StepExecutionLog.read(stepLog(node), node, deaths.get(node)));
			}
			long completed = ids.stream().filter((id) -> journal.runState(id).equals("COMPLETED")).count();
			long overlapping = executions.stream()
				.filter((execution) -> overlapsOnAnotherNode(execution, executions))
				.count();
			List<Duration> times = takeovers.values().stream().sorted().toList();
			System.out.println("chaos: workflows=" + ids.size() + " completed=" + completed + " nodes=" + NODES
					+ " kills=" + killed.size() + " runs_cut_off=" + times.size() + " takeover_p50_ms="
					+ percentile(times, 50).toMillis() + " takeover_p95_ms=" + percentile(times, 95).toMillis()
					+ " takeover_max_ms=" + percentile(times, 100).toMillis() + " step_attempts=" + executions.size()
					+ " overlapping_attempts=" + overlapping + " outage_s=" + OUTAGE.toSeconds());

			for (String id : ids) {
				assertThat(journal.runState(id)).as("state of %s", id).isEqualTo("COMPLETED");
				assertThat(journal.executions(id, "createWelcomeMessage")).as("welcome messages of %s", id)
					.isEqualTo(1);
				assertThat(journal.outcomes(id)).as("outcomes of %s", id).hasSize(1);
			}
			assertThat(percentile(times, 95)).as("takeover time, 95th percentile, of %s", takeovers)
				.isLessThan(TAKEOVER);
			assertThat(executions).as("step attempts on two nodes at once")
				.noneMatch((execution) -> overlapsOnAnotherNode(execution, executions));
		}
	}

	/**
	 * Starts an onboarding (no sooner than {@code at}) and passes it its code, on
	 * whichever node answers.
	 */
	private String startAndVerify(String id, Instant at) throws InterruptedException {
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis()));
		onAnyNode((api) -> {
			OnboardingApi.Response response = api.start(id, id);
			assertThat(response.status()).as("start of %s: %s", id, response.body()).isEqualTo(202);
			return response;
		});
		// Until the wait has received a code: a verification a dying node took may not
		// have reached it.
		await("verification of " + id).atMost(CrashRecoveryTests.PROGRESS_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				String wait = OnboardingApi.state(onAnyNode((api) -> api.workflow(id)),
						OnboardingApi.VERIFICATION_WAIT);
				if (wait.equals("WAITING")) {
					onAnyNode((api) -> api.verify(id, CrashRecoveryTests.VERIFICATION_CODE));
				}
				return wait.equals("COMPLETED");
			});
		return id;
	}

	/**
	 * Calls a node alive, another one if it fails (it may be dying), until one answers.
	 */
	private <T> T onAnyNode(Function<OnboardingApi, T> call) {
		Instant deadline = Instant.now().plus(CALL_TIMEOUT);
		while (true) {
			List<SampleAppProcess> alive = List.copyOf(this.nodes);
			SampleAppProcess node = alive.get(ThreadLocalRandom.current().nextInt(alive.size()));
			try {
				return call.apply(node.api());
			}
			catch (RuntimeException | AssertionError ex) {
				if (Instant.now().isAfter(deadline)) {
					throw ex;
				}
			}
		}
	}

	private void startNode(String name, StoppablePostgres database) throws IOException {
		List<String> arguments = new ArrayList<>(arguments(database));
		arguments.add("--test.step-log=" + stepLog(name));
		SampleAppProcess node = this.apps.start(name, arguments);
		node.awaitServing(CrashRecoveryTests.STARTUP_TIMEOUT);
		this.nodes.add(node);
	}

	/** A node alive that is running a step, as far as its log says, or {@code null}. */
	private SampleAppProcess nodeRunningAStep() throws IOException {
		for (SampleAppProcess node : this.nodes) {
			if (!unfinished(node.name()).isEmpty()) {
				return node;
			}
		}
		return null;
	}

	/**
	 * Waits until each run a killed node was running a step of has started a step on
	 * another node (or finished there: the node may have died once the step's end was
	 * journaled, with nothing left to run), and returns how long after the kill each did.
	 * A run not taken over fails the test with what the journal holds of it.
	 */
	private Map<String, Duration> awaitTakeover(Set<String> runs, Instant killedAt, int kill,
			OnboardingDatabase journal) {
		Map<String, Duration> takeovers = new TreeMap<>();
		BinaryOperator<Duration> earliest = (a, b) -> (a.compareTo(b) < 0) ? a : b;
		try {
			await("the runs of kill " + kill + " taken over").atMost(LEASE)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> {
					for (String node : nodeNames()) {
						for (StepExecutionLog.Execution execution : StepExecutionLog.read(stepLog(node), node,
								Instant.now())) {
							if (runs.contains(execution.runId()) && execution.start().isAfter(killedAt)) {
								takeovers.merge(execution.runId(), Duration.between(killedAt, execution.start()),
										earliest);
							}
						}
					}
					for (String run : runs) {
						journal.finishedAt(run)
							.filter((finished) -> finished.isAfter(killedAt))
							.ifPresent(
									(finished) -> takeovers.merge(run, Duration.between(killedAt, finished), earliest));
					}
					return takeovers.size() == runs.size();
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Runs of kill " + kill + " not taken over within " + LEASE + ": "
					+ runs.stream()
						.filter((run) -> !takeovers.containsKey(run))
						.map(journal::describeRun)
						.collect(Collectors.joining("; ")),
					ex);
		}
		Map<String, Duration> named = new TreeMap<>();
		takeovers.forEach((run, time) -> named.put("kill " + kill + " " + run, time));
		return named;
	}

	/** The nodes started so far, alive or killed. */
	private List<String> nodeNames() {
		return this.apps.started().stream().map(SampleAppProcess::name).toList();
	}

	private Path stepLog(String node) {
		return this.directory.resolve(node + ".steps");
	}

	/** The runs a node is running a step of, as far as its log says. */
	private Set<String> unfinished(String node) throws IOException {
		return StepExecutionLog.read(stepLog(node), node, Instant.now())
			.stream()
			.filter((execution) -> !execution.ended())
			.map(StepExecutionLog.Execution::runId)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static boolean overlapsOnAnotherNode(StepExecutionLog.Execution execution,
			List<StepExecutionLog.Execution> executions) {
		return executions.stream()
			.anyMatch((other) -> !other.node().equals(execution.node()) && other.runId().equals(execution.runId())
					&& other.sequence() == execution.sequence() && other.overlaps(execution));
	}

	private static List<String> awaitAll(List<Future<String>> started) throws Exception {
		List<String> ids = new ArrayList<>();
		for (Future<String> future : started) {
			ids.add(future.get());
		}
		return ids;
	}

	/**
	 * The value at a percentile of sorted durations (nearest rank), zero if there are
	 * none.
	 */
	private static Duration percentile(List<Duration> sorted, int percentile) {
		if (sorted.isEmpty()) {
			return Duration.ZERO;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	private static Duration duration(String property, String fallback) {
		return DurationStyle.detectAndParse(System.getProperty(property, fallback));
	}

	private static List<String> arguments(StoppablePostgres database) {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--sample.step-delay=300ms", "--workflow.lease.duration=" + LEASE.toSeconds() + "s",
				"--sample.verification-code=" + CrashRecoveryTests.VERIFICATION_CODE, "--sample.content-failures=0",
				"--sample.follow-up-delay=0s");
	}

}
