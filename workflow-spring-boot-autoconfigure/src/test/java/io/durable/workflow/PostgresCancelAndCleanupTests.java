package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.durable.workflow.journal.Journal;
import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.test.RowLocks;
import io.durable.workflow.testapp.FamilyWorkflows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@OnPostgres
class PostgresCancelAndCleanupTests extends CancelAndCleanupTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	Journal journal;

	@Test
	void aCancelFailedToBreakADeadlockRunsAgain() throws Exception {
		WorkflowId id = startTwoWaiting();
		WorkflowId first = WorkflowId.of(id.value() + "/0");
		WorkflowId second = WorkflowId.of(id.value() + "/1");
		long deadlocksBefore = RowLocks.deadlocksBroken(this.dataSource);

		// The cancel locks the parent and its first child, then waits for the second,
		// which another
		// transaction holds.
		RowLocks.stageDeadlock(this.dataSource, first.value(), second.value(), () -> {
			this.client.cancel(id);
			return null;
		});

		assertThat(List.of(id, first, second))
			.allSatisfy((run) -> assertThat(this.client.status(run).state()).isEqualTo(WorkflowState.CANCELED));
		await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.deadlocksBroken(this.dataSource) > deadlocksBefore);
	}

	@Test
	void aJournalTransactionOfItsOwnFailedToBreakADeadlockRunsAgain() throws Exception {
		WorkflowId id = startTwoWaiting();
		WorkflowId first = WorkflowId.of(id.value() + "/0");
		WorkflowId second = WorkflowId.of(id.value() + "/1");
		long deadlocksBefore = RowLocks.deadlocksBroken(this.dataSource);

		// Outside any transaction, the journal cancels the children in a transaction of
		// its own:
		// the first, then the second, which another transaction holds.
		Map<String, String> canceled = RowLocks.stageDeadlock(this.dataSource, first.value(), second.value(),
				() -> this.journal.children().cancelChildren(id.value(), Instant.now()));

		assertThat(canceled).containsOnlyKeys(first.value(), second.value());
		await().atMost(Duration.ofSeconds(10)).until(() -> RowLocks.deadlocksBroken(this.dataSource) > deadlocksBefore);
	}

	/**
	 * Starts a parent whose two children ({@code /0}, {@code /1}) wait for events, and
	 * waits until all three are held by no node.
	 */
	private WorkflowId startTwoWaiting() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::twoWaiting);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc
				.sql("select count(*) from workflow_run where (id = ? or parent_id = ?) and owner is null")
				.params(id.value(), id.value())
				.query(Long.class)
				.single() == 3);
		return id;
	}

}
