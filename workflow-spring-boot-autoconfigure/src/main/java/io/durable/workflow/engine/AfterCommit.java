package io.durable.workflow.engine;

import io.durable.workflow.journal.JournalJdbc;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs what must see a change committed: after the current transaction commits (its
 * journal work in transactions of its own), or now without one.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	public static void run(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					JournalJdbc.afterCommit(action);
				}
			});
		}
		else {
			action.run();
		}
	}

}
