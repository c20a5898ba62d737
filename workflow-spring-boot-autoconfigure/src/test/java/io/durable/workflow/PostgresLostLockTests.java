package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose liveness lock connection breaks while it lives stops the runs it holds, since
 * other nodes may take them over; once it holds its lock again, those runs are due at once
 * rather than after their leases (an hour here).
 */
@OnPostgres
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.poll-interval=100ms", "workflow.lease.duration=1h" })
class PostgresLostLockTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** {@code NodeLiveness.LIVENESS_LOCK}. */
	private static final int LIVENESS_LOCK = 0x776b666c;

	@Autowired
	WorkflowClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowEngine engine;

	@Test
	void aRunSleepingHereWhenTheLockBrokeGoesOnWithoutWaitingForItsLease() {
		WorkflowId id = this.client.start("sleeper", Duration.ofSeconds(2));
		await().atMost(TIMEOUT).until(() -> this.client.listSteps(id, ListQuery.first(10)).items(),
				(steps) -> steps.stream().anyMatch((step) -> step.state() == StepState.WAITING));

		assertThat(this.jdbc.sql("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'"
				+ " and granted and classid = ? and objid = ?")
			.params(LIVENESS_LOCK, this.engine.status().nodeId().hashCode() & Integer.MAX_VALUE)
			.query(Boolean.class)
			.list()).containsExactly(true);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("after");
	}

}
