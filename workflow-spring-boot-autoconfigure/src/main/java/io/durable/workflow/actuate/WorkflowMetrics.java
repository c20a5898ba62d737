package io.durable.workflow.actuate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStateChangedEvent;
import io.durable.workflow.engine.EngineStatus;
import io.durable.workflow.engine.QueueStatus;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.journal.JournalStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * The engine's Micrometer metrics: runs started and finished on this node (by workflow,
 * and state), what this node runs now and its pool, and, read from the journal of all
 * nodes at most every {@value #STATISTICS_MAX_AGE_SECONDS} seconds, the runs waiting and
 * the due backlog, and each named queue's depth, runs executing and wait. Step and turn
 * timers come from the engine's observations ({@code workflow.step},
 * {@code workflow.run}).
 */
public class WorkflowMetrics
		implements MeterBinder, ApplicationListener<PayloadApplicationEvent<WorkflowStateChangedEvent>> {

	static final long STATISTICS_MAX_AGE_SECONDS = 10;

	private static final Duration STATISTICS_MAX_AGE = Duration.ofSeconds(STATISTICS_MAX_AGE_SECONDS);

	private final WorkflowMonitor engine;

	private volatile @Nullable MeterRegistry registry;

	private volatile @Nullable Statistics statistics;

	private volatile @Nullable Queues queues;

	/**
	 * @param engine this node's engine
	 */
	public WorkflowMetrics(WorkflowMonitor engine) {
		this.engine = engine;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		gauge(registry, "workflow.runs.active", "Workflow runs whose turn runs on this node now",
				(metrics) -> metrics.engine.status().executingRuns());
		gauge(registry, "workflow.pool.active", "Workflow turns and parallel steps running on this node's pool",
				(metrics) -> metrics.engine.status().activeWork());
		gauge(registry, "workflow.pool.queued", "Workflow turns and parallel steps waiting for a thread of the pool",
				(metrics) -> metrics.engine.status().queuedWork());
		gauge(registry, "workflow.pool.utilization", "Share of the pool's threads (workflow.max-parallelism) in use",
				(metrics) -> {
					EngineStatus status = metrics.engine.status();
					return (double) status.activeWork() / status.maxParallelism();
				});
		gauge(registry, "workflow.runs.waiting",
				"Workflow runs of all nodes that no node holds, waiting for a timer, an event or a child workflow",
				(metrics) -> metrics.statistics().waiting());
		gauge(registry, "workflow.backlog.size", "Due workflow runs of all nodes that no node has claimed yet",
				(metrics) -> metrics.statistics().due());
		gauge(registry, "workflow.runs.handler-failing",
				"Workflow runs of all nodes in progress whose completion handler failed, to be called again",
				(metrics) -> metrics.statistics().handlerFailing());
		gauge(registry, "workflow.runs.stalled",
				"Workflow runs of all nodes in progress that are parked: their replay diverged from their journal",
				(metrics) -> metrics.statistics().stalled());
		gauge(registry, "workflow.backlog.unregistered",
				"Due workflow runs of all nodes whose workflow this node does not register",
				(metrics) -> metrics.statistics().unregistered());
		TimeGauge
			.builder("workflow.backlog.lag", this, TimeUnit.MILLISECONDS,
					(metrics) -> metrics.statistics().backlogLag().toNanos() / 1e6)
			.description(
					"How long the longest-waiting due run of a workflow this node registers has waited to be claimed")
			.register(registry);
		for (String queue : this.engine.queueNames()) {
			Gauge.builder("workflow.queue.depth", this, (metrics) -> metrics.queue(queue).runs().depth())
				.description("Due runs of the queue, of all nodes, waiting for room in it")
				.tag("queue", queue)
				.register(registry);
			Gauge.builder("workflow.queue.executing", this, (metrics) -> metrics.queue(queue).runs().executing())
				.description("Runs of the queue executing on all nodes")
				.tag("queue", queue)
				.register(registry);
			TimeGauge
				.builder("workflow.queue.wait", this, TimeUnit.MILLISECONDS,
						(metrics) -> metrics.queue(queue).longestWait().toNanos() / 1e6)
				.description("How long the longest-waiting due run of the queue has waited for room in it")
				.tag("queue", queue)
				.register(registry);
		}
	}

	/** A queue as read, again once older than the maximum age. */
	private QueueStatus queue(String name) {
		Queues current = this.queues;
		long now = System.nanoTime();
		if (current == null || now - current.readAt() > STATISTICS_MAX_AGE.toNanos()) {
			Map<String, QueueStatus> queues = new HashMap<>();
			this.engine.queues().forEach((queue) -> queues.put(queue.name(), queue));
			current = new Queues(queues, now);
			this.queues = current;
		}
		QueueStatus queue = current.queues().get(name);
		if (queue == null) {
			throw new IllegalStateException("No queue '" + name + "' on this node");
		}
		return queue;
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<WorkflowMetrics> value) {
		Gauge.builder(name, this, value).description(description).register(registry);
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<WorkflowStateChangedEvent> published) {
		WorkflowStateChangedEvent event = published.getPayload();
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		if (event.state() == WorkflowState.IN_PROGRESS) {
			Counter.builder("workflow.runs.started")
				.description("Workflow runs started on this node")
				.tag("workflow", event.workflowName())
				.register(current)
				.increment();
		}
		else {
			Counter.builder("workflow.runs.finished")
				.description("Workflow runs that finished on this node: completed, failed or canceled")
				.tag("workflow", event.workflowName())
				.tag("state", event.state().name().toLowerCase(Locale.ROOT))
				.register(current)
				.increment();
		}
	}

	/** The journal's counts, read again once older than the maximum age. */
	private JournalStatistics statistics() {
		Statistics current = this.statistics;
		long now = System.nanoTime();
		if (current == null || now - current.readAt() > STATISTICS_MAX_AGE.toNanos()) {
			current = new Statistics(this.engine.statistics(), now);
			this.statistics = current;
		}
		return current.journal();
	}

	/**
	 * Counts as read.
	 *
	 * @param journal the counts
	 * @param readAt when they were read, in {@link System#nanoTime()}
	 */
	private record Statistics(JournalStatistics journal, long readAt) {
	}

	/**
	 * The queues as read.
	 *
	 * @param queues by name
	 * @param readAt when they were read, in {@link System#nanoTime()}
	 */
	private record Queues(Map<String, QueueStatus> queues, long readAt) {
	}

}
