package io.durable.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.test.RowLocks;
import io.durable.workflow.testapp.EventWorkflows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@OnPostgres
class PostgresEventTests extends EventTests {

	@Autowired
	DataSource dataSource;

	@Test
	void aSendRacingACancelFailsRatherThanStoreAnEventNoWaitReceives() throws Exception {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.client.listSteps(id, ListQuery.first(10))
				.items()
				.stream()
				.anyMatch((step) -> step.state() == StepState.WAITING));

		// A cancel in flight: the run canceled in a transaction not committed yet.
		CompletableFuture<Void> send;
		try (Connection cancel = this.dataSource.getConnection()) {
			cancel.setAutoCommit(false);
			try (PreparedStatement statement = cancel.prepareStatement(
					"UPDATE workflow_run SET state = 'CANCELED', owner = NULL, due_at = NULL WHERE id = ?")) {
				statement.setString(1, id.value());
				assertThat(statement.executeUpdate()).isOne();
			}
			send = CompletableFuture.runAsync(
					() -> this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("ada", 1)));
			RowLocks.awaitALockWait(this.dataSource);
			cancel.commit();
		}

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> send.get(20, TimeUnit.SECONDS))
			.withCauseInstanceOf(WorkflowStateException.class);
		assertThat(this.jdbc.sql("select count(*) from workflow_event where run_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()).isZero();
	}

}
