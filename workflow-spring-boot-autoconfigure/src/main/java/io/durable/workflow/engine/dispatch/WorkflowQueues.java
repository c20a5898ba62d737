package io.durable.workflow.engine.dispatch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;

import io.durable.workflow.journal.QueueStore.QueueLimits;
import org.jspecify.annotations.Nullable;

/**
 * The named queues of this application ({@code workflow.queues}): their limits, and the
 * workflows whose runs they take unless a start names another.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class WorkflowQueues {

	/**
	 * What a queue's name may hold: the journal keys a deduplication id by the queue's
	 * name and {@code /}, so the name must not hold one.
	 */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private final Map<String, Queue> queues = new LinkedHashMap<>();

	private final Map<String, String> byWorkflow = new LinkedHashMap<>();

	/**
	 * @param queues the queues
	 * @throws IllegalArgumentException if a queue's name holds other than letters,
	 * digits, {@code .}, {@code _} and {@code -}, or a workflow is given to two queues
	 */
	public WorkflowQueues(Collection<Queue> queues) {
		for (Queue queue : queues) {
			if (!NAME.matcher(queue.name()).matches()) {
				throw new IllegalArgumentException("Queue name '" + queue.name() + "' under workflow.queues holds"
						+ " other than letters, digits, '.', '_' and '-': rename it");
			}
			this.queues.put(queue.name(), queue);
			for (String workflow : queue.workflows()) {
				String other = this.byWorkflow.putIfAbsent(workflow, queue.name());
				if (other != null) {
					throw new IllegalArgumentException("Workflow '" + workflow + "' is given to two queues, '" + other
							+ "' and '" + queue.name() + "': list it under workflow.queues.<name>.workflows of one");
				}
			}
		}
	}

	/**
	 * The queue a run of a workflow executes in.
	 * @param workflow the workflow's name
	 * @param requested the queue its start asks for, or {@code null} for its workflow's
	 * @return the queue, or {@code null} for none
	 * @throws IllegalArgumentException if no queue has the name asked for
	 */
	public @Nullable Queue resolve(String workflow, @Nullable String requested) {
		if (requested == null) {
			String queue = this.byWorkflow.get(workflow);
			return (queue != null) ? this.queues.get(queue) : null;
		}
		Queue queue = this.queues.get(requested);
		if (queue == null) {
			throw new IllegalArgumentException("No queue is named '" + requested + "': configure it under"
					+ " workflow.queues." + requested + " (the queues are " + this.queues.keySet() + ")");
		}
		return queue;
	}

	/**
	 * A queue by name.
	 * @return the queue, or {@code null} if this application has none of that name
	 */
	@Nullable Queue get(String name) {
		return this.queues.get(name);
	}

	/** The queues, in the order configured. */
	public Collection<Queue> all() {
		return this.queues.values();
	}

	/**
	 * A named queue.
	 *
	 * @param name its name
	 * @param limits how many of its runs execute at once across nodes, and begin to per
	 * period
	 * @param perNodeConcurrency how many of its runs execute at once on one node, or
	 * {@code null} for as many as the node's pool runs
	 * @param workflows the workflows whose runs it takes unless a start names another
	 */
	public record Queue(String name, QueueLimits limits, @Nullable Integer perNodeConcurrency, List<String> workflows) {

		public Queue {
			workflows = List.copyOf(workflows);
		}

	}

}
