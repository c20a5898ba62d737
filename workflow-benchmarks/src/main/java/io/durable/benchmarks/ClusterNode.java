package io.durable.benchmarks;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.durable.workflow.StartOptions;
import io.durable.workflow.WorkflowClient;

import org.springframework.stereotype.Component;

/**
 * A node of the cluster scenario, in a process of its own: warms up, says {@code ready}
 * on standard output, then obeys the coordinator's lines on standard input. {@code go N}
 * starts N benchmark workflows of {@code --steps} steps, {@code slow N} starts N slow
 * ones ({@link ClusterScenario#SLOW_STEPS} steps of {@link BenchmarkSteps#PAUSE}),
 * {@code limited N} N workflows of one such step in the queue
 * {@link QueueScenario#LIMITED}, {@code limited-slow N} N of ten such steps in it,
 * {@code rated N} N of one plain step in {@link QueueScenario#RATED}; it answers each
 * with {@code started} once all are started. {@code stop}, or the end of its input, ends
 * it.
 */
@Component
class ClusterNode {

	private final WorkflowClient client;

	private final ThroughputScenario throughput;

	ClusterNode(WorkflowClient client, RunTracker tracker, DatabaseProbe probe) {
		this.client = client;
		this.throughput = new ThroughputScenario(client, tracker, probe);
	}

	void serve(BenchmarkOptions options, InputStream in, PrintStream out) throws Exception {
		if (options.warmup() > 0) {
			this.throughput.warmUp(options.warmup(), options.steps(), options.starters());
		}
		answer(out, "ready");
		BufferedReader commands = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		for (String line = commands.readLine(); line != null && !line.equals("stop"); line = commands.readLine()) {
			String[] command = line.split(" ");
			int count = Integer.parseInt(command[1]);
			switch (command[0]) {
				case "go" -> ThroughputScenario.startAll(count, options.starters(),
						() -> this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.run(options.steps())));
				case "slow" -> ThroughputScenario.startAll(count, options.starters(), () -> this.client
					.start(BenchmarkWorkflow.class, (workflow) -> workflow.slow(ClusterScenario.SLOW_STEPS)));
				case "limited" -> ThroughputScenario.startAll(count, options.starters(),
						() -> this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.slow(1),
								StartOptions.defaults().queue(QueueScenario.LIMITED)));
				case "limited-slow" -> ThroughputScenario.startAll(count, options.starters(),
						() -> this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.slow(10),
								StartOptions.defaults().queue(QueueScenario.LIMITED)));
				case "rated" -> ThroughputScenario.startAll(count, options.starters(),
						() -> this.client.start(BenchmarkWorkflow.class, (workflow) -> workflow.run(1),
								StartOptions.defaults().queue(QueueScenario.RATED)));
				default -> throw new IllegalArgumentException("Unknown command '" + line + "'");
			}
			answer(out, "started");
		}
	}

	private static void answer(PrintStream out, String line) {
		out.println(line);
		out.flush();
	}

}
