package io.durable.workflow.testapp;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transactional step during which another transaction journals the step's position
 * first, as a node that took the run over would.
 */
@Component
public class TransactionalConflictWorkflow {

	private final Steps steps;

	public TransactionalConflictWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "conflicting-charge")
	public String charge() {
		this.steps.charge();
		return "charged";
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		private final JdbcClient jdbc;

		private final TransactionTemplate separateTransaction;

		@PersistenceContext
		private EntityManager entityManager;

		public Steps(StepCounter counter, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
			this.counter = counter;
			this.jdbc = jdbc;
			this.separateTransaction = new TransactionTemplate(transactionManager);
			this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		}

		@Step(name = "conflicting-charge", transactional = true)
		public void charge() {
			String id = Workflows.workflowId().value();
			this.entityManager.persist(new LedgerEntry(id, BigDecimal.ONE));
			OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
			this.separateTransaction.executeWithoutResult((status) -> this.jdbc
				.sql("insert into workflow_step (run_id, seq, name, state, attempts, started_at, finished_at)"
						+ " values (?, 0, 'recorded-elsewhere', 'COMPLETED', 1, ?, ?)")
				.params(id, now, now)
				.update());
			this.counter.ran("conflicting-charge");
		}

	}

}
