package io.durable.workflow.engine.dispatch;

import java.util.Collection;

/**
 * What the client tells this node's dispatcher after recording an intent in the journal,
 * and the one thing it asks: the client's only way to the dispatcher.
 */
public interface DispatchPort {

	/**
	 * A run got something to wake for (an event): run it here now if no node holds it.
	 */
	void wake(String runId);

	/**
	 * Runs ended (canceled, failed) outside their turns: stop what runs of them here, and
	 * answer their result waits with the outcome.
	 */
	void ended(Collection<String> runIds, RunOutcome outcome);

	/**
	 * Whether this node holds a run: then its outcome is signaled here, no need to read
	 * it.
	 */
	boolean holds(String runId);

}
