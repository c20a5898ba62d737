package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import io.durable.workflow.journal.FinishRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.journal.PostgresGroupCommit;
import io.durable.workflow.journal.StepRecord;
import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.test.RowLocks;
import io.durable.workflow.test.StatementCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The group commit of several runs' journal writes on PostgreSQL: each write takes effect
 * or is skipped on its own, exactly as it would alone — a run id that exists, a position
 * journaled already, a run owned by another node, an outcome whose last step was skipped
 * — and all of them take one auto-committed statement, whose array parameters carry any
 * text as it is (quotes, backslashes, braces, the word NULL, the empty string) and null
 * as null. One that PostgreSQL fails to break a deadlock is written again.
 */
@OnPostgres
@SpringBootTest(classes = TestApplication.class)
@Import(StatementCountTests.CountingConfiguration.class)
class PostgresJournalWriteTogetherTests {

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

	@Autowired
	Journal journal;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	StatementCounter counter;

	@Test
	void eachWriteOfABatchSucceedsOrIsSkippedOnItsOwn() {
		String mine = run("node-a");
		String taken = run("node-b");
		String clashing = run("node-a");
		String duplicate = run("node-a");
		this.journal.steps().insert(step(duplicate, 0));
		this.journal.steps().insert(step(clashing, 1));

		String started = "together-" + UUID.randomUUID();
		this.counter.reset();
		String caller = Thread.currentThread().getName();

		Set<String> written = this.journal.groupCommit()
			.write(List.of(newRun(started, "node-a"), newRun(mine, "node-a")),
					List.of(step(mine, 0), step(duplicate, 0)), List.of(finish(mine, "node-a", step(mine, 1)),
							finish(taken, "node-a", null), finish(clashing, "node-a", step(clashing, 1))));

		assertThat(this.counter.statements(caller::equals)).isEqualTo(1);
		assertThat(this.counter.commits(caller::equals)).isEqualTo(1);
		assertThat(this.counter.commitCalls(caller::equals)).isZero();
		assertThat(written).containsExactlyInAnyOrder(PostgresGroupCommit.runKey(started), mine + "/0", mine + "/1",
				mine);
		assertThat(state(started)).isEqualTo("IN_PROGRESS");
		assertThat(state(mine)).isEqualTo("COMPLETED");
		assertThat(state(taken)).isEqualTo("IN_PROGRESS");
		assertThat(state(clashing)).isEqualTo("IN_PROGRESS");
		assertThat(this.jdbc.sql("select count(*) from workflow_step where run_id = ?")
			.param(mine)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void valuesKeepEveryCharacterThroughTheArrays() {
		String id = run("node-a");
		String json = "{\"text\":\"a \\\"quoted\\\" {brace}, comma \\\\ back\\\\slash é漢 NULL\"}";
		List<String> values = List.of(json, "NULL", "", " ", "{}", "\"NULL\"");
		List<StepRecord> steps = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			steps.add(new StepRecord(id, i, "add", StepState.COMPLETED, 1, 0, values.get(i), values.get(i), this.now,
					this.now, null));
		}
		steps.add(new StepRecord(id, values.size(), "add", StepState.COMPLETED, 1, 0, null, null, this.now, this.now,
				null));

		this.journal.groupCommit().write(List.of(), steps, List.of());

		List<String> results = this.jdbc.sql("select result from workflow_step where run_id = ? order by seq")
			.param(id)
			.query(String.class)
			.list();
		List<String> errors = this.jdbc.sql("select error from workflow_step where run_id = ? order by seq")
			.param(id)
			.query(String.class)
			.list();
		List<String> expected = new ArrayList<>(values);
		expected.add(null);
		assertThat(results).containsExactlyElementsOf(expected);
		assertThat(errors).containsExactlyElementsOf(expected);
	}

	@Test
	void aBatchFailedToBreakADeadlockIsWrittenAgain() throws Exception {
		String first = run("node-a");
		String second = run("node-a");
		long deadlocksBefore = RowLocks.deadlocksBroken(this.dataSource);

		// The batch locks the first run, then waits for the second, which another
		// transaction holds.
		Set<String> written = RowLocks.stageDeadlock(this.dataSource, first, second, () -> this.journal.groupCommit()
			.write(List.of(), List.of(), List.of(finish(first, "node-a", null), finish(second, "node-a", null))));

		assertThat(written).containsExactlyInAnyOrder(first, second);
		assertThat(state(first)).isEqualTo("COMPLETED");
		assertThat(state(second)).isEqualTo("COMPLETED");
		await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.deadlocksBroken(this.dataSource) > deadlocksBefore);
	}

	private String run(String owner) {
		String id = "together-" + UUID.randomUUID();
		this.journal.runs().insertRun(newRun(id, owner));
		return id;
	}

	private NewRun newRun(String id, String owner) {
		return new NewRun(id, "sequence", "[1]", owner, this.now.plusSeconds(60), this.now, null, null, null, null,
				null, null, null, null, null);
	}

	private StepRecord step(String runId, int sequence) {
		return new StepRecord(runId, sequence, "add", StepState.COMPLETED, 1, 0, "1", null, this.now, this.now, null);
	}

	private FinishRecord finish(String runId, String owner, StepRecord lastStep) {
		return new FinishRecord(runId, owner, WorkflowState.COMPLETED, "1", null, this.now, lastStep);
	}

	private String state(String id) {
		return this.jdbc.sql("select state from workflow_run where id = ?").param(id).query(String.class).single();
	}

}
