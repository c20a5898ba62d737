package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.engine.WorkflowRetention;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.FailureWorkflow;
import io.durable.workflow.testapp.FamilyWorkflows;
import io.durable.workflow.testapp.SequenceWorkflow;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Retention: finished workflows older than their state's retention are deleted (with
 * their children), in batches, by the one node holding the retention lock; nothing else
 * is.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.retention.completed=1d", "workflow.retention.failed=2d",
				"workflow.retention.interval=50ms", "workflow.retention.batch-size=2" })
@Import(TestClockConfiguration.class)
abstract class RetentionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	Journal journal;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowRetention retention;

	@Test
	void finishedWorkflowsAreDeletedOnceOlderThanTheirStatesRetentionAndNothingElse() {
		List<WorkflowId> completed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			WorkflowId id = this.client.start(SequenceWorkflow.class, (workflow) -> workflow.run(2));
			this.client.result(id, Integer.class, TIMEOUT);
			completed.add(id);
		}
		WorkflowId parent = this.client.start(FamilyWorkflows.class, (workflow) -> workflow.sum(1));
		this.client.result(parent, Integer.class, TIMEOUT);
		WorkflowId failed = this.client.start(FailureWorkflow.class, FailureWorkflow::fail);
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(failed, String.class, TIMEOUT));
		WorkflowId canceled = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals);
		this.client.cancel(canceled);
		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals);

		this.clock.advance(Duration.ofHours(23));
		assertThat(this.retention.sweep()).isZero();
		assertThat(runs()).isEqualTo(11);

		this.clock.advance(Duration.ofHours(2));
		await().atMost(TIMEOUT).until(() -> runs() == 3);
		assertThat(ids()).containsExactlyInAnyOrder(failed.value(), canceled.value(), waiting.value());
		assertThat(this.jdbc.sql("select distinct run_id from workflow_step").query(String.class).list())
			.as("the deleted runs' steps are gone")
			.isSubsetOf(failed.value(), canceled.value(), waiting.value())
			.contains(failed.value());

		this.clock.advance(Duration.ofDays(1));
		await().atMost(TIMEOUT).until(() -> runs() == 2);
		this.clock.advance(Duration.ofDays(365));
		assertThat(this.retention.sweep()).isZero();
		assertThat(runs()).isEqualTo(2);
		assertThat(ids()).containsExactlyInAnyOrder(canceled.value(), waiting.value());
	}

	@Test
	void aLockIsHeldByOneNodeUntilItExpires() {
		Instant now = this.clock.instant();

		assertThat(this.journal.retention().tryLock("test", "node-a", now, now.plusSeconds(60))).isTrue();
		assertThat(this.journal.retention().tryLock("test", "node-b", now, now.plusSeconds(60))).isFalse();
		assertThat(this.journal.retention().tryLock("test", "node-a", now.plusSeconds(30), now.plusSeconds(90)))
			.isTrue();
		assertThat(this.journal.retention().tryLock("test", "node-b", now.plusSeconds(60), now.plusSeconds(120)))
			.isFalse();
		assertThat(this.journal.retention().tryLock("test", "node-b", now.plusSeconds(91), now.plusSeconds(150)))
			.isTrue();
	}

	private long runs() {
		return this.jdbc.sql("select count(*) from workflow_run").query(Long.class).single();
	}

	private List<String> ids() {
		return this.jdbc.sql("select id from workflow_run").query(String.class).list();
	}

}
