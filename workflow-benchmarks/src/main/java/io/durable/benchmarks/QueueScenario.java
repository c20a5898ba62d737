package io.durable.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.durable.workflow.StartOptions;
import io.durable.workflow.WorkflowClient;

import org.springframework.stereotype.Component;

/**
 * What a named queue costs and allows on one node: {@code --workflows} workflows of
 * {@code --steps} steps started from {@code --starters} threads, until all completed, in
 * no queue, in a queue without limits ({@value #OPEN}), and in one of concurrency
 * {@value #LIMITED_CONCURRENCY} ({@value #LIMITED}); each once unmeasured first. One
 * line: workflows per second of each, and the open queue's overhead against no queue.
 */
@Component
class QueueScenario {

	/** A queue without limits: what claiming through a queue costs. */
	static final String OPEN = "bench-open";

	/** A queue of {@value #LIMITED_CONCURRENCY} runs at once. */
	static final String LIMITED = "bench-limited";

	static final int LIMITED_CONCURRENCY = 4;

	/**
	 * A queue of {@value #RATE_LIMIT} runs beginning per {@link #RATE_PERIOD}, for the
	 * cluster's test of its limits.
	 */
	static final String RATED = "bench-rated";

	static final int RATE_LIMIT = 10;

	static final Duration RATE_PERIOD = Duration.ofMillis(500);

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final WorkflowClient client;

	private final DatabaseProbe probe;

	private final RunTracker tracker;

	QueueScenario(WorkflowClient client, DatabaseProbe probe, RunTracker tracker) {
		this.client = client;
		this.probe = probe;
		this.tracker = tracker;
	}

	/** The queues the scenario uses, for the application's properties. */
	static Map<String, Object> queues() {
		return Map.of("workflow.queues." + OPEN + ".per-node-concurrency", Integer.MAX_VALUE,
				"workflow.queues." + LIMITED + ".concurrency", LIMITED_CONCURRENCY,
				"workflow.queues." + RATED + ".rate-limit.limit", RATE_LIMIT,
				"workflow.queues." + RATED + ".rate-limit.period", RATE_PERIOD.toMillis() + "ms");
	}

	void run(BenchmarkOptions options, PrintStream out) throws Exception {
		out.println(new ResultLine().add("db", options.db())
			.addAll(this.probe.settings())
			.add("scenario", "queues")
			.add("workflows", options.workflows())
			.add("steps", options.steps())
			.add("starters", options.starters()));
		Map<String, StartOptions> modes = new LinkedHashMap<>();
		modes.put("no_queue", StartOptions.defaults());
		modes.put("open_queue", StartOptions.defaults().queue(OPEN));
		modes.put("limited_" + LIMITED_CONCURRENCY, StartOptions.defaults().queue(LIMITED));
		ResultLine line = new ResultLine().add("scenario", "queues")
			.add("workflows", options.workflows())
			.add("steps", options.steps());
		Map<String, Double> rates = new LinkedHashMap<>();
		for (Map.Entry<String, StartOptions> mode : modes.entrySet()) {
			run(options, mode.getValue());
			rates.put(mode.getKey(), run(options, mode.getValue()));
			line.add(mode.getKey() + "_wf_per_s", ResultLine.decimal(rates.get(mode.getKey()), 1));
		}
		double overhead = 100 * (rates.get("no_queue") / rates.get("open_queue") - 1);
		out.println(line.add("open_queue_overhead_pct", ResultLine.decimal(overhead, 1)));
	}

	/** Runs the workflows until all completed: workflows per second. */
	private double run(BenchmarkOptions options, StartOptions start) throws Exception {
		Instant since = Instant.now();
		long began = System.nanoTime();
		ThroughputScenario.startAll(options.workflows(), options.starters(),
				() -> this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.run(options.steps()), start));
		long deadline = began + TIMEOUT.toNanos();
		while (this.probe.runs("COMPLETED", since) < options.workflows()) {
			if (this.probe.runs("FAILED", since) > 0 || System.nanoTime() > deadline) {
				throw new IllegalStateException("Queued workflows failed or did not finish; see the log");
			}
			Thread.sleep(5);
		}
		this.tracker.reset();
		return options.workflows() / ((System.nanoTime() - began) / 1e9);
	}

}
