package io.durable.workflow;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.durable.workflow.test.RowLocks;
import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.testapp.FamilyWorkflows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@OnPostgres
class PostgresCancelAndCleanupTests extends CancelAndCleanupTests {

	@Autowired
	DataSource dataSource;

	@Test
	void aCancelFailedToBreakADeadlockRunsAgain() throws Exception {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::twoWaiting);
		WorkflowId first = WorkflowId.of(id.value() + "/0");
		WorkflowId second = WorkflowId.of(id.value() + "/1");
		// All three wait for events, held by no node.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from workflow_run where id in (?, ?, ?) and owner is null")
				.params(id.value(), first.value(), second.value())
				.query(Long.class)
				.single() == 3);
		long deadlocksBefore = RowLocks.deadlocksBroken(this.dataSource);

		// The cancel locks the parent and its first child, then waits for the second, which another
		// transaction holds.
		RowLocks.stageDeadlock(this.dataSource, first.value(), second.value(), () -> {
			this.client.cancel(id);
			return null;
		});

		assertThat(List.of(id, first, second))
			.allSatisfy((run) -> assertThat(this.client.status(run).state()).isEqualTo(WorkflowState.CANCELED));
		await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.deadlocksBroken(this.dataSource) > deadlocksBefore);
	}

}
