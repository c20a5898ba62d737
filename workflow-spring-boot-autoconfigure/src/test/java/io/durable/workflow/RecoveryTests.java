package io.durable.workflow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.Order;
import io.durable.workflow.testapp.Receipt;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Runs left behind by a node that died (its lease ran out) are claimed and replayed from
 * their journal: recorded steps return their results without running again, the first
 * unrecorded step runs for real (an attempt the node was running counts as one), and a
 * journal that does not match the code parks the run.
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.poll-interval=100ms")
abstract class RecoveryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	GatedWorkflow.Steps gates;

	JournalRows rows;

	@BeforeEach
	void journalRows() {
		this.rows = new JournalRows(this.jdbc);
	}

	@Test
	void aDeadNodesRunResumesWithoutRerunningCompletedSteps() {
		String id = newId();
		this.rows.step(id, 0, "first", "COMPLETED", "\"x-1\"", null);
		this.rows.step(id, 1, "second", "COMPLETED", "\"x-1-2\"", null);
		this.rows.deadNodeRun(id, "resume", "[\"x\"]");

		assertThat(this.client.result(WorkflowId.of(id), String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + id);
		assertThat(this.counter.count(id, "first")).isZero();
		assertThat(this.counter.count(id, "second")).isZero();
		assertThat(this.counter.count(id, "third")).isEqualTo(1);
		assertThat(this.client.listSteps(WorkflowId.of(id), ListQuery.first(10)).items()).extracting(StepInfo::name)
			.containsExactly("first", "second", "third");
	}

	@Test
	void anAttemptACrashCutOffCountsWhenTheStepRunsAgain() {
		String id = newId();
		this.rows.step(id, 0, "first", "RUNNING", null, null);
		this.rows.deadNodeRun(id, "resume", "[\"x\"]");

		assertThat(this.client.result(WorkflowId.of(id), String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + id);
		assertThat(this.counter.count(id, "first")).isEqualTo(1);
		assertThat(this.client.listSteps(WorkflowId.of(id), ListQuery.first(10)).items())
			.extracting(StepInfo::name, StepInfo::state, StepInfo::attempts)
			.containsExactly(tuple("first", StepState.COMPLETED, 2), tuple("second", StepState.COMPLETED, 1),
					tuple("third", StepState.COMPLETED, 1));
	}

	@Test
	void anAttemptACrashCutOffDoesNotCountAgainstTheRetryPolicy() {
		String id = newId();
		this.rows.step(id, 0, "twice", "RUNNING", null, null);
		this.rows.deadNodeRun(id, "retry-custom", "[1]");

		// At most 2 attempts that fail: the one cut off is not one of them.
		assertThat(this.client.result(WorkflowId.of(id), String.class, TIMEOUT)).isEqualTo("ok after 2");
		assertThat(this.jdbc.sql("select state, attempts, failures from workflow_step where run_id = ?")
			.param(id)
			.query((row, number) -> row.getString(1) + " " + row.getInt(2) + " " + row.getInt(3))
			.list()).containsExactly("COMPLETED 3 1");
	}

	@Test
	void anAttemptStillRunningIsJournaledAsRunning() {
		WorkflowId id = this.client.start("gated");

		await().atMost(TIMEOUT)
			.until(() -> this.client.listSteps(id, ListQuery.first(10)).items(),
					(steps) -> steps.size() == 1 && steps.get(0).state() == StepState.RUNNING);
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items().get(0).attempts()).isEqualTo(1);
		this.gates.open(id.value());

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("next");
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items())
			.extracting(StepInfo::name, StepInfo::state, StepInfo::attempts)
			.containsExactly(tuple("gate", StepState.COMPLETED, 1), tuple("next", StepState.COMPLETED, 1));
	}

	@Test
	void aCommittedTransactionalStepIsNotAppliedAgain() {
		String id = newId();
		this.rows.step(id, 0, "OrderSteps.reserve", "COMPLETED", "\"R-dee-1\"", null);
		this.rows.step(id, 1, "charge", "COMPLETED", null, null);
		this.jdbc.sql("insert into ledger_entry (id, workflow_id, amount) values (?, ?, 7.25)")
			.params(-Math.abs(id.hashCode() % 1_000_000) - 1, id)
			.update();
		this.rows.deadNodeRun(id, "OrderWorkflow.process",
				"[{\"customer\":\"dee\",\"items\":[\"mug\"],\"total\":7.25}]");

		Receipt receipt = this.client.result(WorkflowId.of(id), Receipt.class, TIMEOUT);

		assertThat(receipt).isEqualTo(new Receipt("R-dee-1", new BigDecimal("7.25"), "T-R-dee-1"));
		assertThat(this.counter.count(id, "charge")).isZero();
		assertThat(this.jdbc.sql("select count(*) from ledger_entry where workflow_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aJournaledStepFailureIsRaisedAgainOnReplay() {
		String id = newId();
		this.rows.step(id, 0, "explode", "FAILED", null, "java.lang.IllegalStateException: boom");
		this.rows.deadNodeRun(id, "recovering", "[]");

		assertThat(this.client.result(WorkflowId.of(id), String.class, TIMEOUT))
			.isEqualTo("compensated java.lang.IllegalStateException|boom");
		assertThat(this.counter.count(id, "explode")).isZero();
		assertThat(this.counter.count(id, "compensate")).isEqualTo(1);
	}

	@Test
	void aReplayedStepWithAnotherNameParksTheRunWithTheReason() {
		String id = newId();
		this.rows.step(id, 0, "renamed", "COMPLETED", "\"x-1\"", null);
		this.rows.deadNodeRun(id, "resume", "[\"x\"]");
		WorkflowId run = WorkflowId.of(id);

		assertThat(awaitStalled(run)).contains("step #0", "called 'first'", "recorded 'renamed'",
				"@Step(name = \"renamed\")");
		assertThat(this.counter.count(id, "first")).isZero();
		assertThat(this.client.describe(run).stalled()).as("listed too").contains("recorded 'renamed'");
		assertThat(this.jdbc.sql("select count(*) from workflow_run where id = ? and owner is null")
			.param(id)
			.query(Long.class)
			.single()).as("released").isEqualTo(1);

		this.client.fail(run, "its code changed under it");
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(run, String.class, TIMEOUT))
			.withMessageContaining("its code changed under it");
		assertThatExceptionOfType(WorkflowStateException.class).isThrownBy(() -> this.client.fail(run, "again"))
			.withMessageContaining("has finished (FAILED)");
	}

	@Test
	void aJournalLongerThanTheCodeParksTheRun() {
		String id = newId();
		this.rows.step(id, 0, "add", "COMPLETED", "0", null);
		this.rows.step(id, 1, "add", "COMPLETED", "1", null);
		this.rows.deadNodeRun(id, "sequence", "[1]");
		WorkflowId run = WorkflowId.of(id);

		assertThat(awaitStalled(run)).contains("returned after 1 steps, but its journal holds 2");

		this.client.cancel(run);
		assertThatExceptionOfType(WorkflowCanceledException.class)
			.isThrownBy(() -> this.client.result(run, Integer.class, TIMEOUT));
	}

	/** Waits until the run is parked, and returns why. */
	private String awaitStalled(WorkflowId run) {
		return await().atMost(TIMEOUT)
			.until(() -> (this.client.status(run) instanceof WorkflowStatus.InProgress inProgress)
					? inProgress.stalled().orElse(null) : null, Objects::nonNull);
	}

	@Test
	void typedPayloadsReplayFromTheJournal() {
		List<Order> orders = List.of(new Order("eve", List.of("a", "b"), new BigDecimal("1.50")),
				new Order("eve", List.of(), new BigDecimal("2.00")));
		WorkflowId id = this.client.start("payloads", orders, null);
		Object first = this.client.result(id, Object.class, TIMEOUT);

		// Make the finished run look unfinished and abandoned: it is replayed from its
		// journal.
		this.jdbc
			.sql("update workflow_run set state = 'IN_PROGRESS', result = null, owner = 'dead-node', due_at = ?"
					+ " where id = ?")
			.params(JournalRows.utc(Instant.now().minusSeconds(1)), id.value())
			.update();

		await().atMost(TIMEOUT).until(() -> this.client.status(id).state() == WorkflowState.COMPLETED);
		assertThat(this.client.result(id, Object.class, TIMEOUT)).isEqualTo(first);
		assertThat(this.jdbc.sql("select count(*) from workflow_step where run_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aRunLeasedByALiveNodeIsLeftAlone() {
		String id = "leased-" + UUID.randomUUID();
		this.rows.run(id, "resume", "[\"x\"]", "live-node", Instant.now().plus(Duration.ofHours(1)));
		Instant inserted = Instant.now();

		// A claim loop run that began after the row was committed has seen it, and left
		// it.
		await().atMost(TIMEOUT)
			.until(() -> this.engine.status().lastClaimLoopRun(), (run) -> run != null && run.isAfter(inserted));
		assertThat(this.jdbc.sql("select owner from workflow_run where id = ?").param(id).query(String.class).single())
			.isEqualTo("live-node");
		assertThat(this.client.status(WorkflowId.of(id)).state()).isEqualTo(WorkflowState.IN_PROGRESS);
		assertThat(this.counter.count(id, "first")).isZero();
	}

	private static String newId() {
		return "dead-" + UUID.randomUUID();
	}

}
