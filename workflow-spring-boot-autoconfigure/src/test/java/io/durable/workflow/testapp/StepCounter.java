package io.durable.workflow.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/** Counts how often each step really ran, per workflow run. */
@Component
public class StepCounter {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	void ran(String step) {
		this.counts.computeIfAbsent(Workflows.workflowId().value() + "/" + step, (key) -> new AtomicInteger())
			.incrementAndGet();
	}

	public int count(String workflowId, String step) {
		AtomicInteger count = this.counts.get(workflowId + "/" + step);
		return (count != null) ? count.get() : 0;
	}

}
