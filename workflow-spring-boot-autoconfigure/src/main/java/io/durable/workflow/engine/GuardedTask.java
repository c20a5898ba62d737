package io.durable.workflow.engine;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A task the engine runs again and again (claiming due runs, renewing leases), whose
 * failure must neither stop the repetition nor flood the log during an outage: the first
 * failure in a row is a warning with its stack trace, the next ones are debug, and the
 * first success after them says so.
 */
final class GuardedTask implements Runnable {

	private static final Log logger = LogFactory.getLog(WorkflowEngine.class);

	private final String task;

	private final Runnable action;

	private int failures;

	GuardedTask(String task, Runnable action) {
		this.task = task;
		this.action = action;
	}

	@Override
	public synchronized void run() {
		try {
			this.action.run();
		}
		catch (RuntimeException | Error ex) {
			// Thrown on, it would end the periodic task for good.
			this.failures++;
			if (this.failures == 1) {
				logger.warn("Could not " + this.task + "; trying again (failures in a row after this one are logged at"
						+ " debug level)", ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Could not " + this.task + " (failure " + this.failures + " in a row)", ex);
			}
			return;
		}
		if (this.failures > 0) {
			logger.info("Could " + this.task + " again after " + this.failures + " failures in a row");
			this.failures = 0;
		}
	}

}
