package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.testapp.FaultWorkflows;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fault of the database is not a step's failure: a transactional step whose connection
 * PostgreSQL terminates mid-way (its write and its rollback fail) runs again once the
 * database answers, consumes no attempt and journals no error.
 */
@OnPostgres
@SpringBootTest(classes = TestApplication.class)
class PostgresDatabaseFaultTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WorkflowClient client;

	@Autowired
	FaultWorkflows.Steps steps;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTransactionalStepWhoseConnectionIsTerminatedRunsAgainWithoutAFailure() {
		WorkflowId id = this.client.start(FaultWorkflows.class, FaultWorkflows::run);
		await().atMost(TIMEOUT).until(() -> this.steps.backendOf(id.value()) != null);

		assertThat(this.jdbc.sql("select pg_terminate_backend(?)")
			.param(this.steps.backendOf(id.value()))
			.query(Boolean.class)
			.single()).isTrue();
		this.steps.open(id.value());

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("booked");
		assertThat(this.counter.count(id.value(), "book")).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from ledger_entry where workflow_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()).isEqualTo(1);
		// Both attempts ran (the first was rolled back): neither failed.
		assertThat(this.jdbc.sql("select state, attempts, failures, error from workflow_step where run_id = ?")
			.param(id.value())
			.query((row, number) -> row.getString(1) + " " + row.getInt(2) + " " + row.getInt(3) + " "
					+ row.getString(4))
			.list()).containsExactly("COMPLETED 2 0 null");
	}

}
