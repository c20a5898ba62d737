package io.durable.workflow.engine.execution;

import io.durable.workflow.engine.dispatch.RunTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Ends a turn that met a fault of the journal or the database: run again after a backoff.
 * A run's first fault in a row is a warning; the next ones, during the same outage, are
 * debug.
 */
final class TurnFaults {

	private static final Log logger = LogFactory.getLog(TurnFaults.class);

	private TurnFaults() {
	}

	static TurnOutcome retry(RunTask task, String message) {
		if (task.faults() == 0) {
			logger.warn(message + "; faults in a row of this run after this one are logged at debug level");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message + " (fault " + (task.faults() + 1) + " in a row)");
		}
		return TurnOutcome.RETRY;
	}

	/**
	 * Ends a turn that stops without an outcome: given up to any node, or (a fault)
	 * retried here.
	 */
	static TurnOutcome abandoned(RunTask task, AbandonTurn abandon) {
		if (!abandon.retry()) {
			logger.info(abandon.getMessage());
			return TurnOutcome.RELEASE;
		}
		return retry(task, abandon.getMessage());
	}

}
