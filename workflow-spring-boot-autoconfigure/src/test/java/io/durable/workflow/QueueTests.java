package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.CompletionWorkflows;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.ResumeWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import io.durable.workflow.testapp.TimeWorkflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Named queues: runs of a queue execute within its concurrency, per-node and rate limits,
 * lowest priority first, and a deduplication id (with a debounce) gathers starts into one
 * run.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.queues.pair.concurrency=2", "workflow.queues.single.concurrency=1",
				"workflow.queues.per-node.per-node-concurrency=1", "workflow.queues.rated.rate-limit.limit=2",
				"workflow.queues.rated.rate-limit.period=1h", "workflow.queues.greetings.workflows=greeting,resume" })
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class QueueTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	GatedWorkflow.Steps gates;

	@Autowired
	StepCounter counter;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Journal journal;

	@Test
	void atMostTheQueuesConcurrencyExecutesAtOnceAndTheNextBeginsAsOneEnds() {
		List<WorkflowId> ids = IntStream.range(0, 5).mapToObj((i) -> startGated("pair", 0)).toList();

		await().atMost(TIMEOUT).until(() -> gatesReached(ids) == 2);
		// The first two came first; one claim may take both, at one time.
		assertThat(begun(ids)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2));

		this.gates.open(ids.get(0).value());
		assertThat(this.client.result(ids.get(0), String.class, TIMEOUT)).isEqualTo("next");
		await().atMost(TIMEOUT).until(() -> gatesReached(ids) == 3);
		assertThat(begun(ids)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
		ids.forEach((id) -> this.gates.open(id.value()));
		for (WorkflowId id : ids) {
			assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("next");
		}
	}

	@Test
	void theLowestPriorityBeginsFirstAndEqualOnesInTheOrderTheyCame() {
		WorkflowId blocker = startGated("single", 0);
		await().atMost(TIMEOUT).until(() -> gatesReached(List.of(blocker)) == 1);
		WorkflowId low = startGated("single", 5);
		WorkflowId first = startGated("single", 1);
		WorkflowId second = startGated("single", 1);

		for (WorkflowId next : List.of(blocker, first, second, low)) {
			await().atMost(TIMEOUT).until(() -> gatesReached(List.of(next)) == 1);
			// One microsecond apart, so that the order they began in is that of their
			// start times.
			this.clock.advance(Duration.ofNanos(1000));
			this.gates.open(next.value());
			this.client.result(next, String.class, TIMEOUT);
		}
		assertThat(begun(List.of(low, first, second, blocker))).containsExactly(blocker, first, second, low);
	}

	@Test
	void aRunWaitingForATimeHoldsNoPlaceInItsQueue() {
		WorkflowId sleeper = this.client.start(TimeWorkflows.class, (workflow) -> workflow.sleep(Duration.ofMinutes(5)),
				StartOptions.defaults().queue("single"));
		this.clock.awaitWaiting(sleeper);

		WorkflowId gated = startGated("single", 0);
		await().atMost(TIMEOUT).until(() -> gatesReached(List.of(gated)) == 1);
		this.gates.open(gated.value());
		this.client.result(gated, String.class, TIMEOUT);

		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.client.result(sleeper, String.class, TIMEOUT)).isEqualTo("after");
	}

	@Test
	void aNodeExecutesNoMoreRunsOfAQueueThanItsPerNodeConcurrency() {
		List<WorkflowId> ids = List.of(startGated("per-node", 0), startGated("per-node", 0));

		await().atMost(TIMEOUT).until(() -> gatesReached(ids) == 1);
		assertThat(begun(ids)).containsExactly(ids.get(0));

		this.gates.open(ids.get(0).value());
		await().atMost(TIMEOUT).until(() -> gatesReached(ids) == 2);
		this.gates.open(ids.get(1).value());
		assertThat(this.client.result(ids.get(1), String.class, TIMEOUT)).isEqualTo("next");
	}

	@Test
	void theRunsOfANodeWhoseLeaseRanOutKeepTheirPlacesAndAreTakenOverFirst() {
		WorkflowId orphan = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("orphan"),
				StartOptions.defaults()
					.queue("single")
					.deduplicationId("orphan-" + Instant.now().toEpochMilli())
					.debounce(Duration.ofHours(1)));
		// As a node that died while executing it would have left it, its lease running
		// for another 30 s.
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		this.jdbc.sql("update workflow_run set owner = 'a-node-that-died', started_at = ?, due_at = ? where id = ?")
			.params(now, now.plusSeconds(30), orphan.value())
			.update();

		WorkflowId waiting = startGated("single", 0);
		EngineIdle.awaitClaimLoopAtTheClocksTime(this.engine, this.clock);
		assertThat(begun(List.of(waiting))).as("begun while the place is held").isEmpty();

		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.client.result(orphan, String.class, TIMEOUT)).isEqualTo("hello orphan");
		await().atMost(TIMEOUT).until(() -> gatesReached(List.of(waiting)) == 1);
		this.gates.open(waiting.value());
		this.client.result(waiting, String.class, TIMEOUT);
	}

	@Test
	void aRateLimitLetsNoMoreRunsBeginInItsPeriod() {
		List<WorkflowId> ids = IntStream.range(0, 3).mapToObj((i) -> {
			// One microsecond apart, so that the order they came in is their due order.
			this.clock.advance(Duration.ofNanos(1000));
			return this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("n" + i),
					StartOptions.defaults().queue("rated"));
		}).toList();
		assertThat(this.client.result(ids.get(0), String.class, TIMEOUT)).isEqualTo("hello n0");
		assertThat(this.client.result(ids.get(1), String.class, TIMEOUT)).isEqualTo("hello n1");
		EngineIdle.awaitClaimLoopAtTheClocksTime(this.engine, this.clock);
		assertThat(begun(ids)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2));

		this.clock.advance(Duration.ofMinutes(59));
		EngineIdle.awaitClaimLoopAtTheClocksTime(this.engine, this.clock);
		assertThat(begun(ids)).hasSize(2);
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.client.result(ids.get(2), String.class, TIMEOUT)).isEqualTo("hello n2");
	}

	@Test
	void aWorkflowGivenToAQueueExecutesInItUnlessItsStartNamesAnother() {
		WorkflowId inItsQueue = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("ada"));
		WorkflowId elsewhere = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("bob"),
				StartOptions.defaults().queue("pair"));

		this.client.result(inItsQueue, String.class, TIMEOUT);
		this.client.result(elsewhere, String.class, TIMEOUT);
		assertThat(queueOf(inItsQueue)).isEqualTo("greetings");
		assertThat(queueOf(elsewhere)).isEqualTo("pair");
		assertThat(queueOf(startGatedWithout())).isNull();
	}

	@Test
	void aForkExecutesInItsWorkflowsQueueAndReturnsTheCopiedStepsResults() {
		WorkflowId id = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("x"));
		this.client.result(id, String.class, TIMEOUT);

		WorkflowId fork = this.client.fork(id, 2);

		assertThat(this.client.result(fork, String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + fork);
		assertThat(queueOf(fork)).isEqualTo("greetings");
		assertThat(this.counter.count(fork.value(), "first")).isZero();
		assertThat(this.counter.count(fork.value(), "third")).isEqualTo(1);
	}

	@Test
	void aRunThisNodeOwnsButDoesNotRunAnyMoreIsGivenBackWithItsPlace() {
		// As a release that failed leaves it: the journal says this node holds it (and
		// the
		// queue's one place), the node runs nothing of it, and its renewals keep its
		// lease.
		String stray = "stray-" + UUID.randomUUID();
		Instant now = this.clock.instant();
		this.journal.runs()
			.insertRun(new NewRun(stray, "greeting", "[\"stray\"]", this.engine.status().nodeId(),
					now.plus(Duration.ofMinutes(1)), now, null, null, null, null, null, null, "single", 0, null));
		WorkflowId next = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("next"),
				StartOptions.defaults().queue("single"));

		// Each move renews the leases: the second finds the run not running here again.
		this.clock.advance(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.client.result(WorkflowId.of(stray), String.class, TIMEOUT)).isEqualTo("hello stray");
		assertThat(this.client.result(next, String.class, TIMEOUT)).isEqualTo("hello next");
	}

	@Test
	void aQueueOfRunsInProgressThatThisNodeDoesNotConfigureIsNamedInAWarningAtStart(CapturedOutput output) {
		String retired = "retired-" + UUID.randomUUID();
		Instant now = this.clock.instant();
		WorkflowId stranded = WorkflowId.of("stranded-" + UUID.randomUUID());
		this.journal.runs()
			.insertRun(new NewRun(stranded.value(), "greeting", "[\"x\"]", null, now, now, null, null, null, null, null,
					null, retired, 0, null));

		this.engine.stop();
		this.engine.start();

		assertThat(output).contains("Queue '" + retired + "', which this node does not configure, holds 1 workflow"
				+ " runs in progress: they wait until a node configures it under workflow.queues." + retired);
		this.client.cancel(stranded);
	}

	@Test
	void startsWithADeduplicationIdGatherIntoTheRunInProgressThatHoldsIt() throws Exception {
		String dedup = "order-" + Instant.now().toEpochMilli();
		StartOptions options = StartOptions.defaults().queue("pair").deduplicationId(dedup);
		List<WorkflowId> ids = concurrently(8,
				() -> this.client.start(GatedWorkflow.class, GatedWorkflow::run, options));

		assertThat(Set.copyOf(ids)).hasSize(1);
		WorkflowId holder = ids.get(0);
		assertThat(this.jdbc.sql("select count(*) from workflow_run where dedup_id = ?")
			.param(dedup)
			.query(Long.class)
			.single()).isEqualTo(1);
		await().atMost(TIMEOUT).until(() -> gatesReached(List.of(holder)) == 1);
		this.gates.open(holder.value());
		this.client.result(holder, String.class, TIMEOUT);

		WorkflowId after = this.client.start(GatedWorkflow.class, GatedWorkflow::run, options);
		assertThat(after).isNotEqualTo(holder);
		this.gates.open(after.value());
		this.client.result(after, String.class, TIMEOUT);
	}

	@Test
	void aRunWhoseDeduplicationIdARunStartedSinceHoldsIsResumedOnlyOnceThatOneHasFinished() {
		StartOptions options = StartOptions.defaults().queue("pair").deduplicationId("resumed-" + Instant.now());
		WorkflowId canceled = this.client.start(GatedWorkflow.class, GatedWorkflow::run, options);
		this.client.cancel(canceled);
		WorkflowId since = this.client.start(GatedWorkflow.class, GatedWorkflow::run, options);
		assertThat(since).isNotEqualTo(canceled);

		assertThatExceptionOfType(WorkflowStateException.class).isThrownBy(() -> this.client.resume(canceled))
			.withMessage("Cannot resume workflow '" + canceled + "': a run started since holds its deduplication id"
					+ " in its queue and is in progress; resume it once that run has finished");
		assertThat(this.client.status(canceled).state()).isEqualTo(WorkflowState.CANCELED);

		this.gates.open(since.value());
		this.client.result(since, String.class, TIMEOUT);
		this.client.resume(canceled);
		this.gates.open(canceled.value());
		assertThat(this.client.result(canceled, String.class, TIMEOUT)).isEqualTo("next");
	}

	@Test
	void aDebouncedBurstRunsOnceWithTheLastArgumentsWhenItHasBeenQuietLongEnough() {
		StartOptions options = StartOptions.defaults()
			.deduplicationId("greet-" + Instant.now().toEpochMilli())
			.debounce(Duration.ofMinutes(1));
		WorkflowId id = this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("a"), options);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("b"), options))
			.isEqualTo(id);

		this.clock.advance(Duration.ofSeconds(40));
		EngineIdle.awaitClaimLoopAtTheClocksTime(this.engine, this.clock);
		assertThat(begun(List.of(id))).as("quiet for 40 s only").isEmpty();
		assertThat(this.client.start(CompletionWorkflows.class, (workflow) -> workflow.greet("c"), options))
			.isEqualTo(id);
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("hello c");
	}

	@Test
	void concurrentDebouncedStartsMakeOneRun() throws Exception {
		StartOptions options = StartOptions.defaults()
			.deduplicationId("burst-" + Instant.now().toEpochMilli())
			.debounce(Duration.ofSeconds(10));
		List<Integer> callers = IntStream.range(0, 8).boxed().toList();
		List<WorkflowId> ids = concurrently(8,
				callers.stream()
					.<Callable<WorkflowId>>map((caller) -> () -> this.client.start(CompletionWorkflows.class,
							(workflow) -> workflow.greet("caller " + caller), options))
					.toList());

		assertThat(Set.copyOf(ids)).hasSize(1);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.client.result(ids.get(0), String.class, TIMEOUT)).matches("hello caller [0-7]");
	}

	@Test
	void queueOptionsNeedAQueueThatExists() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.start(GatedWorkflow.class, GatedWorkflow::run,
					StartOptions.defaults().queue("nowhere")))
			.withMessageStartingWith("No queue is named 'nowhere': configure it under workflow.queues.nowhere");
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.client.start(GatedWorkflow.class, GatedWorkflow::run, StartOptions.defaults().priority(1)))
			.withMessageStartingWith("Workflow 'gated' executes in no queue, and priority, deduplicationId and"
					+ " debounce are a queue's");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.start(GatedWorkflow.class, GatedWorkflow::run,
					StartOptions.defaults().queue("pair").debounce(Duration.ofSeconds(1))))
			.withMessageStartingWith("debounce needs a deduplicationId");
	}

	private WorkflowId startGated(String queue, int priority) {
		// One microsecond apart, so that the order they came in is their due order.
		this.clock.advance(Duration.ofNanos(1000));
		return this.client.start(GatedWorkflow.class, GatedWorkflow::run,
				StartOptions.defaults().queue(queue).priority(priority));
	}

	private WorkflowId startGatedWithout() {
		WorkflowId id = this.client.start(GatedWorkflow.class, GatedWorkflow::run);
		this.gates.open(id.value());
		this.client.result(id, String.class, TIMEOUT);
		return id;
	}

	private long gatesReached(List<WorkflowId> ids) {
		return ids.stream().filter((id) -> this.counter.count(id.value(), "gate") > 0).count();
	}

	/** The runs of these that have begun to execute, in the order they began. */
	private List<WorkflowId> begun(List<WorkflowId> ids) {
		List<String> values = ids.stream().map(WorkflowId::value).toList();
		return this.jdbc.sql("select id from workflow_run where started_at is not null order by started_at, id")
			.query(String.class)
			.list()
			.stream()
			.filter(values::contains)
			.map(WorkflowId::of)
			.toList();
	}

	private String queueOf(WorkflowId id) {
		return this.jdbc.sql("select queue from workflow_run where id = ?")
			.param(id.value())
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static <T> List<T> concurrently(int callers, Callable<T> call) throws Exception {
		return concurrently(callers, IntStream.range(0, callers).<Callable<T>>mapToObj((i) -> call).toList());
	}

	private static <T> List<T> concurrently(int threads, List<Callable<T>> calls) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<T> results = new ArrayList<>();
			for (Future<T> future : executor.invokeAll(calls)) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
