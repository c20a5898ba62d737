package io.durable.workflow.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Wakes callers waiting for a run's result as soon as the run finishes on this node. */
final class CompletionSignals {

	private final ConcurrentMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

	CompletableFuture<Void> watch(String id) {
		return this.waiting.computeIfAbsent(id, (key) -> new CompletableFuture<>());
	}

	void unwatch(String id, CompletableFuture<Void> signal) {
		this.waiting.remove(id, signal);
	}

	void signal(String id) {
		CompletableFuture<Void> signal = this.waiting.remove(id);
		if (signal != null) {
			signal.complete(null);
		}
	}

}
