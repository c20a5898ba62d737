package io.durable.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On PostgreSQL, the runs of a node whose process died are taken over at once, not after
 * their leases (an hour here): the node announced itself, and its liveness lock is gone.
 * A node whose lock is held keeps its runs. A node whose lock connection breaks while it
 * lives stops the runs it holds, since other nodes may take them over; once it holds its
 * lock again, those runs are due at once rather than after their leases.
 */
@OnPostgres
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.poll-interval=100ms", "workflow.lease.duration=1h" })
class PostgresFastTakeoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** {@code NodeLiveness.LIVENESS_LOCK}. */
	private static final int LIVENESS_LOCK = 0x776b666c;

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	WorkflowEngine engine;

	@Test
	void theRunsOfANodeWhoseLockIsGoneAreTakenOverBeforeTheirLeasesRunOut() {
		String id = "dead-" + UUID.randomUUID();
		announce("dead-node");
		new JournalRows(this.jdbc).run(id, "resume", "[\"x\"]", "dead-node", Instant.now().plus(Duration.ofHours(1)));

		assertThat(this.client.result(WorkflowId.of(id), String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + id);
		assertThat(this.counter.count(id, "first")).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from workflow_node where node_id = 'dead-node'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theRunsOfANodeHoldingItsLockAreLeftAlone() throws Exception {
		String id = "live-" + UUID.randomUUID();
		try (Connection live = this.dataSource.getConnection()) {
			try (PreparedStatement lock = live.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
				lock.setInt(1, LIVENESS_LOCK);
				lock.setInt(2, "live-node".hashCode() & Integer.MAX_VALUE);
				lock.executeQuery().close();
			}
			announce("live-node");
			new JournalRows(this.jdbc).run(id, "resume", "[\"x\"]", "live-node",
					Instant.now().plus(Duration.ofHours(1)));
			// This node takes others' runs over once it has held its own lock for a
			// second.
			Instant settled = Instant.now().plusSeconds(1);

			await().atMost(TIMEOUT)
				.until(() -> this.engine.status().lastClaimLoopRun(),
						(run) -> run != null && run.isAfter(settled.plusMillis(200)));

			assertThat(
					this.jdbc.sql("select owner from workflow_run where id = ?").param(id).query(String.class).single())
				.isEqualTo("live-node");
			assertThat(this.counter.count(id, "first")).isZero();
			try (PreparedStatement unlock = live.prepareStatement("SELECT pg_advisory_unlock_all()")) {
				unlock.executeQuery().close();
			}
		}
		finally {
			this.jdbc.sql("delete from workflow_run where id = ?").param(id).update();
			this.jdbc.sql("delete from workflow_node where node_id = 'live-node'").update();
		}
	}

	@Test
	void aRunSleepingHereWhenTheLockBrokeGoesOnWithoutWaitingForItsLease() {
		WorkflowId id = this.client.start("sleeper", Duration.ofSeconds(2));
		await().atMost(TIMEOUT)
			.until(() -> this.client.listSteps(id, ListQuery.first(10)).items(),
					(steps) -> steps.stream().anyMatch((step) -> step.state() == StepState.WAITING));

		assertThat(this.jdbc
			.sql("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'"
					+ " and granted and classid = ? and objid = ?")
			.params(LIVENESS_LOCK, this.engine.status().nodeId().hashCode() & Integer.MAX_VALUE)
			.query(Boolean.class)
			.list()).containsExactly(true);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after");
	}

	private void announce(String node) {
		this.jdbc.sql("insert into workflow_node (node_id, lock_key, started_at) values (?, ?, now())")
			.params(node, node.hashCode() & Integer.MAX_VALUE)
			.update();
	}

}
