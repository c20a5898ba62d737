package io.durable.workflow.journal;

import java.time.Instant;
import java.util.List;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on a real PostgreSQL, and the group commit it alone has: several runs'
 * records in one statement take effect as each would alone.
 */
class PostgresJournalContractTests extends JournalContractTests {

	@Override
	PostgresTestDatabase.Connection database() {
		return PostgresTestDatabase.newDatabase();
	}

	@Override
	String schema() {
		return "io/durable/workflow/journal/schema-postgresql.sql";
	}

	@Test
	void aGroupCommitWritesWhatWouldTakeEffectAloneAndSaysWhichDid() {
		Instant now = Instant.parse("2026-12-01T10:00:00Z");
		PostgresGroupCommit group = this.journal.groupCommit();
		assertThat(group.applies()).isTrue();
		assertThat(this.journal.runs()
			.insertRun(new NewRun("held", "contract", "[]", "node-a", now.plusSeconds(10), now, null, null, null, null,
					null, null, null, null, null)))
			.isTrue();
		StepRecord first = new StepRecord("held", 0, "first", StepState.COMPLETED, 1, 0, "1", null, now, now, null);
		StepRecord last = new StepRecord("held", 1, "last", StepState.COMPLETED, 1, 0, "2", null, now, now, null);
		NewRun fresh = new NewRun("fresh", "contract", "[]", null, now, now, null, null, null, null, null, null, null,
				null, null);
		NewRun duplicate = new NewRun("held", "other", "[]", null, now, now, null, null, null, null, null, null, null,
				null, null);

		var written = group.write(List.of(fresh, duplicate), List.of(first),
				List.of(new FinishRecord("held", "node-a", WorkflowState.COMPLETED, "3", null, now, last),
						new FinishRecord("fresh", "node-b", WorkflowState.COMPLETED, "4", null, now, null)));

		assertThat(written).containsExactlyInAnyOrder(PostgresGroupCommit.runKey("fresh"),
				PostgresGroupCommit.stepKey(first), PostgresGroupCommit.stepKey(last), "held");
		assertThat(this.journal.queries().findRun("held").orElseThrow().state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(this.journal.queries().findRun("held").orElseThrow().name()).isEqualTo("contract");
		assertThat(this.journal.queries().findRun("fresh").orElseThrow().state())
			.as("its outcome came from a node that does not hold it")
			.isEqualTo(WorkflowState.IN_PROGRESS);
		assertThat(this.journal.steps().loadJournal("held")).extracting(JournalEntry::name)
			.containsExactly("first", "last");
	}

}
