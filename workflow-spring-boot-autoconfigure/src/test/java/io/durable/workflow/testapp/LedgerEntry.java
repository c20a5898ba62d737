package io.durable.workflow.testapp;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the transactional charge step writes: it must exist exactly once per charged run.
 */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

	@Id
	@GeneratedValue
	private Long id;

	private String workflowId;

	private BigDecimal amount;

	protected LedgerEntry() {
	}

	public LedgerEntry(String workflowId, BigDecimal amount) {
		this.workflowId = workflowId;
		this.amount = amount;
	}

	public String getWorkflowId() {
		return this.workflowId;
	}

	public BigDecimal getAmount() {
		return this.amount;
	}

}
