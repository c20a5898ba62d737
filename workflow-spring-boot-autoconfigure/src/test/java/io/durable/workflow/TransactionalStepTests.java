package io.durable.workflow;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.testapp.Order;
import io.durable.workflow.testapp.OrderWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import io.durable.workflow.testapp.TransactionalConflictWorkflow;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transactional step's own writes and its journal entry commit together, or not at all.
 */
@SpringBootTest(classes = TestApplication.class)
abstract class TransactionalStepTests {

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowEngine engine;

	@Test
	void theStepsWritesAndJournalEntryCommitTogether() {
		WorkflowId id = this.client.start(OrderWorkflow.class,
				(workflow) -> workflow.process(new Order("cy", List.of("tea"), new BigDecimal("3.20"))));
		this.client.result(id, Object.class, Duration.ofSeconds(20));

		assertThat(ledgerEntries(id)).isEqualTo(1);
		assertThat(this.jdbc.sql("select state from workflow_step where run_id = ? and name = 'charge'")
			.param(id.value())
			.query(String.class)
			.single()).isEqualTo("COMPLETED");
	}

	@Test
	void whenTheJournalEntryCannotBeWrittenTheStepsWritesRollBack() {
		WorkflowId id = this.client.start(TransactionalConflictWorkflow.class, TransactionalConflictWorkflow::charge);

		// Another "node" journaled position 0 while the step ran: this node's commit must
		// not happen.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.counter.count(id.value(), "conflicting-charge") == 1);
		EngineIdle.await(this.engine);
		assertThat(ledgerEntries(id)).isZero();
		assertThat(this.jdbc.sql("select name from workflow_step where run_id = ?")
			.param(id.value())
			.query(String.class)
			.list()).containsExactly("recorded-elsewhere");
	}

	private long ledgerEntries(WorkflowId id) {
		return this.jdbc.sql("select count(*) from ledger_entry where workflow_id = ?")
			.param(id.value())
			.query(Long.class)
			.single();
	}

}
