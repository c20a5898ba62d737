package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.durable.workflow.StepState;
import io.durable.workflow.test.PostgresTestDatabase;
import io.durable.workflow.test.QueryPlans;
import io.durable.workflow.test.QueryPlans.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writes that change one run in progress (a step's journal entry, a cancel, a signal,
 * a claim) look it up by key on a real PostgreSQL, and a run's children in progress are
 * found by their parent, even where an index of runs by state looks cheaper, and a node's
 * lease renewal reads only the runs it holds: after a burst of workflows the indexes
 * still hold every finished one until vacuumed, while the statistics say that almost none
 * is in progress; a run looked up through them costs a scan of them all. (Checked with
 * the plans rather than with timings.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRunByKeyPlanTests {

	private static final String RUN = "plan-running";

	private static final String NODE = "plan-node";

	private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

	private Connection connection;

	@BeforeAll
	void storeAFinishedBurst() throws Exception {
		PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();
		this.connection = DriverManager.getConnection(database.url(), database.username(), database.password());
		new ResourceDatabasePopulator(new ClassPathResource("io/durable/workflow/journal/schema-postgresql.sql"))
			.populate(this.connection);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("INSERT INTO workflow_run (id, name, state, args, due_at, created_at)"
					+ " SELECT 'plan-' || g, 'plan', 'IN_PROGRESS', '[]', now(), now() FROM generate_series(1, 20000) g");
			statement.execute("UPDATE workflow_run SET state = 'COMPLETED', due_at = NULL, finished_at = now()"
					+ " WHERE id LIKE 'plan-%'");
			statement.execute("INSERT INTO workflow_run (id, name, state, args, owner, due_at, created_at)"
					+ " VALUES ('" + RUN + "', 'plan', 'IN_PROGRESS', '[]', '" + NODE + "', now(), now())");
			statement.execute("ANALYZE workflow_run");
		}
	}

	@AfterAll
	void removeTheRuns() throws Exception {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("DELETE FROM workflow_run WHERE id LIKE 'plan-%'");
		}
		this.connection.close();
	}

	@Test
	void aStepChecksItsRunByKey() throws Exception {
		Instant now = NOW.toInstant();
		assertByKey(StepStore.INSERT_STEP, (statement) -> StepStore.bindStep(statement,
				new StepRecord(RUN, 0, "add", StepState.COMPLETED, 1, 0, "1", null, now, now, null)));
	}

	@Test
	void aCancelFindsItsRunByKey() throws Exception {
		assertByKey(RunStore.CANCEL_RUN, (statement) -> bind(statement, "CANCELED", null, NOW, RUN, "IN_PROGRESS"));
	}

	@Test
	void aSignalFindsItsRunByKey() throws Exception {
		assertByKey(RunStore.SIGNAL_RUN, (statement) -> bind(statement, NOW, RUN, "IN_PROGRESS"));
	}

	@Test
	void aClaimFindsItsRunByKey() throws Exception {
		assertByKey(RunStore.CLAIM_RUN, (statement) -> bind(statement, "node", NOW, "1.0", RUN, "IN_PROGRESS", NOW));
	}

	@Test
	void theChildrenOfARunAreFoundByTheirParent() throws Exception {
		assertUses(ChildRunStore.CHILDREN_IN_STATE, "workflow_run_parent_idx",
				(statement) -> bind(statement, RUN, "IN_PROGRESS"));
	}

	@Test
	void aLeaseRenewalReadsOnlyTheRunsItsNodeHolds() throws Exception {
		Parameters binder = (statement) -> bind(statement, NODE, "IN_PROGRESS");
		assertUses(LeaseStore.HELD_RUNS + " FOR UPDATE SKIP LOCKED", "workflow_run_owner_idx", binder);
		assertUses(LeaseStore.HELD_RUNS, "workflow_run_owner_idx", binder);
	}

	private void assertByKey(String sql, Parameters binder) throws Exception {
		assertUses(sql, "workflow_run_pkey", binder);
	}

	private void assertUses(String sql, String index, Parameters binder) throws Exception {
		String text = QueryPlans.explain(this.connection, sql, binder);
		assertThat(text).as(text)
			.contains(index)
			.doesNotContain("workflow_run_due_idx")
			.doesNotContain("workflow_run_state_idx")
			.doesNotContain("Seq Scan");
	}

	private static void bind(PreparedStatement statement, Object... values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			statement.setObject(i + 1, values[i]);
		}
	}

}
