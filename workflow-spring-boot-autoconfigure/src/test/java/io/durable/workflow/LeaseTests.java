package io.durable.workflow;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.LeaseRenewal;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.test.RowLocks;
import io.durable.workflow.testapp.SlowWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A node keeps the leases of the runs it executes alive, however long their steps take;
 * without that, the step after a long one would not start (the claim loop is off here, so
 * a run given up would never finish). Renewing never waits for a run another transaction
 * has locked.
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.lease.duration=1s")
abstract class LeaseTests {

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Journal journal;

	@Autowired
	DataSource dataSource;

	@Test
	void aStepLongerThanTheLeaseDoesNotLoseTheRun() {
		WorkflowId id = this.client.start(SlowWorkflow.class, (workflow) -> workflow.run(2500));

		assertThat(this.client.result(id, String.class, Duration.ofSeconds(20))).isEqualTo("after");
		assertThat(this.counter.count(id.value(), "slow")).isEqualTo(1);
		assertThat(this.counter.count(id.value(), "after")).isEqualTo(1);
	}

	@Test
	void renewingSkipsARunLockedByAnotherTransaction() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String locked = "lease-locked-" + UUID.randomUUID();
		String free = "lease-free-" + UUID.randomUUID();
		for (String id : List.of(locked, free)) {
			this.journal.runs()
				.insertRun(new NewRun(id, "sequence", "[1]", "node-x", now, now, null, null, null, null, null, null,
						null, null, null));
		}
		Instant renewed = now.plusSeconds(60);
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			RowLocks.lock(other, locked);
			try {
				LeaseRenewal renewal = assertTimeoutPreemptively(Duration.ofSeconds(10),
						() -> this.journal.leases().renewLeases("node-x", renewed));
				assertThat(renewal.held()).containsExactlyInAnyOrder(locked, free);
				assertThat(renewal.extended()).containsExactly(free);
			}
			finally {
				other.rollback();
			}
		}
		assertThat(dueAt(free)).isEqualTo(renewed);
		assertThat(dueAt(locked)).isEqualTo(now);
	}

	private Instant dueAt(String id) {
		return this.jdbc.sql("select due_at from workflow_run where id = ?")
			.param(id)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	@Test
	void aFinishedRunHoldsNoLease() {
		WorkflowId id = this.client.start(SlowWorkflow.class, (workflow) -> workflow.run(0));
		this.client.result(id, String.class, Duration.ofSeconds(20));

		assertThat(this.jdbc.sql("select count(*) from workflow_run where id = ? and owner is null and due_at is null")
			.param(id.value())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
