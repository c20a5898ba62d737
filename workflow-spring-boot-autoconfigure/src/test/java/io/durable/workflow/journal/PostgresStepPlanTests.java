package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.StepState;
import io.durable.workflow.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step's journal write looks its run up by key, on a real PostgreSQL, even where the partial
 * index of unfinished runs looks cheaper: after a burst of workflows that index still holds every
 * finished one until it is vacuumed, while the statistics say that almost none is unfinished.
 * (Checked with the plan rather than with timings.)
 */
class PostgresStepPlanTests {

	private static final String RUN = "step-plan-running";

	@Test
	void aStepChecksItsRunByKey() throws Exception {
		PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			new ResourceDatabasePopulator(new ClassPathResource("io/durable/workflow/journal/schema-postgresql.sql"))
				.populate(connection);
			try {
				statement.execute("INSERT INTO workflow_run (id, name, state, args, due_at, created_at)"
						+ " SELECT 'step-plan-' || g, 'plan', 'IN_PROGRESS', '[]', now(), now()"
						+ " FROM generate_series(1, 20000) g");
				statement.execute("UPDATE workflow_run SET state = 'COMPLETED', due_at = NULL, finished_at = now()"
						+ " WHERE id LIKE 'step-plan-%'");
				statement.execute("INSERT INTO workflow_run (id, name, state, args, due_at, created_at)"
						+ " VALUES ('" + RUN + "', 'plan', 'IN_PROGRESS', '[]', now(), now())");
				statement.execute("ANALYZE workflow_run");

				String plan = plan(connection);

				assertThat(plan).as(plan).contains("workflow_run_pkey").doesNotContain("workflow_run_due_idx");
			}
			finally {
				statement.execute("DELETE FROM workflow_run WHERE id LIKE 'step-plan-%'");
			}
		}
	}

	private static String plan(Connection connection) throws Exception {
		Instant now = Instant.now();
		List<String> plan = new ArrayList<>();
		try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + JournalStore.INSERT_STEP)) {
			JournalStore.bindStep(explain, new StepRecord(RUN, 0, "add", StepState.COMPLETED, 1, "1", null, now, now, null));
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.add(rows.getString(1));
				}
			}
		}
		return String.join("\n", plan);
	}

}
