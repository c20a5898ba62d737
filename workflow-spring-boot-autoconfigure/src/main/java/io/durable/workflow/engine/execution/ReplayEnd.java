package io.durable.workflow.engine.execution;

/**
 * Unwinds a replay-only turn ({@link WorkflowExecutor#replay}) where its journal ends: at
 * a position the journal holds nothing for, or a step that had not finished. Nothing
 * beyond runs. An {@link Error}, so that workflow code catching {@code Exception} cannot
 * swallow it.
 */
final class ReplayEnd extends Error {

	private static final long serialVersionUID = 1L;

	ReplayEnd() {
		super(null, null, false, false);
	}

}
