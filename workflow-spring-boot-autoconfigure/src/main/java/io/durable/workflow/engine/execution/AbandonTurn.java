package io.durable.workflow.engine.execution;

/**
 * Unwinds a workflow turn that must stop without recording an outcome. An {@link Error},
 * so that workflow code catching {@code Exception} around a step cannot swallow it.
 */
final class AbandonTurn extends Error {

	private static final long serialVersionUID = 1L;

	private final boolean retry;

	private AbandonTurn(String message, boolean retry, Throwable cause) {
		super(message, cause, false, false);
		this.retry = retry;
	}

	private AbandonTurn(String message) {
		super(message, null, false, false);
		this.retry = false;
	}

	/**
	 * This node no longer holds the run's lease safely: another node may be running it.
	 */
	static AbandonTurn leaseLost(String runId) {
		return new AbandonTurn("Lost the lease on workflow run '" + runId + "'; another node resumes it");
	}

	/** The journal could not be read or written: try the turn again later. */
	static AbandonTurn journalUnavailable(String runId, Throwable cause) {
		return new AbandonTurn("Cannot reach the journal of workflow run '" + runId + "': " + cause.getMessage(), true,
				cause);
	}

	/** A step met a fault of the database: run it again once the database answers. */
	static AbandonTurn databaseFault(String runId, String step, Throwable cause) {
		return new AbandonTurn("Step '" + step + "' of workflow run '" + runId + "' met a fault of the database ("
				+ cause + "); it runs again once the database answers", true, cause);
	}

	/** The thread was interrupted: the node is stopping. */
	static AbandonTurn interrupted() {
		return new AbandonTurn("Interrupted: the workflow engine is stopping");
	}

	/** Whether the run should be retried on this node. */
	boolean retry() {
		return this.retry;
	}

}
