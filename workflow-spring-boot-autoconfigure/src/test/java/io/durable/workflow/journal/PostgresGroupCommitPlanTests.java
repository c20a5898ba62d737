package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.test.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group commit's statement is planned once per connection and then reused, whatever
 * the number of records it carries: PostgreSQL plans a prepared statement's first five
 * executions for their parameters, and then keeps a generic plan unless those looked
 * cheaper. (Checked with PostgreSQL's own count of the plans, not with timings.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresGroupCommitPlanTests {

	private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

	private Connection connection;

	@BeforeAll
	void openTheJournal() throws Exception {
		PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();
		this.connection = DriverManager.getConnection(database.url(), database.username(), database.password());
		new ResourceDatabasePopulator(new ClassPathResource("io/durable/workflow/journal/schema-postgresql.sql"))
			.populate(this.connection);
	}

	@AfterAll
	void close() throws Exception {
		this.connection.close();
	}

	@Test
	void theStatementIsPlannedOnceAndReusedForAnyNumberOfRecords() throws Exception {
		int executions = 30;
		for (int i = 0; i < executions; i++) {
			List<NewRun> runs = new ArrayList<>();
			List<StepRecord> steps = new ArrayList<>();
			List<FinishRecord> finishes = new ArrayList<>();
			for (int k = 0; k <= i % 4; k++) {
				String id = "plan-" + i + "-" + k;
				runs.add(new NewRun(id, "plan", "[]", "node", NOW, NOW, null, null, null, null, null, null, null, null,
						null));
				steps.add(new StepRecord("earlier-" + i + "-" + k, 0, "step", StepState.COMPLETED, 1, 0, "1", null, NOW,
						NOW, null));
				finishes.add(new FinishRecord("earlier-" + i + "-" + k, "node", WorkflowState.COMPLETED, "2", null, NOW,
						null));
			}
			PostgresGroupCommit.write(this.connection, "1.0", runs, steps, finishes);
		}

		try (Statement statement = this.connection.createStatement();
				ResultSet plans = statement
					.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
							+ " WHERE statement LIKE 'WITH new_runs AS%'")) {
			assertThat(plans.next()).as("the statement is prepared on the server").isTrue();
			long generic = plans.getLong(1);
			long custom = plans.getLong(2);
			assertThat(custom).as("custom plans, of %d executions", generic + custom).isLessThanOrEqualTo(5);
			assertThat(generic + custom).as("executions of the prepared statement").isGreaterThan(executions - 10);
		}
	}

}
