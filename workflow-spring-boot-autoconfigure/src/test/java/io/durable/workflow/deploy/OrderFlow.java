package io.durable.workflow.deploy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.durable.workflow.Workflows;

/**
 * One workflow, {@value #NAME}, as successive deploys change it: each version is an
 * application of its own, in a package of its own, registering a different bean under
 * that name. Version 1 ({@code v1}) reserves, waits for two {@value #GO} events and
 * charges; the others change it in one way each. This bean runs their steps and counts
 * them.
 */
public class OrderFlow {

	public static final String NAME = "order-flow";

	public static final String GO = "go";

	/** A second workflow: reserve, sleep {@link #NAP}, charge. */
	public static final String NAP_FLOW = "nap-flow";

	public static final Duration NAP = Duration.ofSeconds(1);

	/** A third workflow: reserve, then its own code throws. */
	public static final String FAILING_FLOW = "failing-flow";

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	/** Runs a journaled step of this name, counting it. */
	public void step(String name) {
		Workflows.step(name)
			.run(() -> this.counts.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet());
	}

	/** How often the step of this name ran in this application. */
	public int count(String name) {
		AtomicInteger count = this.counts.get(name);
		return (count != null) ? count.get() : 0;
	}

}
