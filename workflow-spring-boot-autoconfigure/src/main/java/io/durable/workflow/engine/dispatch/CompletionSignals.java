package io.durable.workflow.engine.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands a run's outcome to callers waiting for it as soon as the run finishes on this
 * node, so they need not read it back from the database.
 */
public final class CompletionSignals {

	private final ConcurrentMap<String, CompletableFuture<RunOutcome>> waiting = new ConcurrentHashMap<>();

	public CompletableFuture<RunOutcome> watch(String id) {
		return this.waiting.computeIfAbsent(id, (key) -> new CompletableFuture<>());
	}

	public void unwatch(String id, CompletableFuture<RunOutcome> signal) {
		this.waiting.remove(id, signal);
	}

	void signal(String id, RunOutcome outcome) {
		CompletableFuture<RunOutcome> signal = this.waiting.remove(id);
		if (signal != null) {
			signal.complete(outcome);
		}
	}

}
