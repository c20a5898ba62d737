package io.durable.workflow.engine.dispatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.journal.ClaimedRun;

/**
 * Claims the runs of this node's named queues within their limits, whenever one may have
 * room: a poll, a start or a wake in the queue, a run of it leaving this node. One claim
 * of a queue at a time on this node: the requests that arrive meanwhile are served by one
 * more claim after it, so a burst of them costs the journal one or two transactions.
 */
final class QueueClaims {

	private final WorkflowQueues queues;

	private final RunClaims claims;

	private final EngineClock clock;

	/** Per queue: whether a claim runs (1) and was asked for again meanwhile (more). */
	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	QueueClaims(WorkflowQueues queues, RunClaims claims, EngineClock clock) {
		this.queues = queues;
		this.claims = claims;
		this.clock = clock;
	}

	/** Claims the due runs of every queue, as far as each has room. */
	void claimAll(IntSupplier freeCapacity, ToIntFunction<String> heldHere, Consumer<ClaimedRun> dispatch) {
		for (WorkflowQueues.Queue queue : this.queues.all()) {
			claim(queue.name(), freeCapacity, heldHere, dispatch);
		}
	}

	/**
	 * Claims the due runs of a queue, as far as it has room, on this thread; or, if a
	 * claim of it runs already, has that one claim again once done.
	 * @param freeCapacity how many more turns this node's pool runs at once now
	 * @param heldHere how many runs of a queue this node holds
	 * @param dispatch runs a claimed run here
	 */
	void claim(String name, IntSupplier freeCapacity, ToIntFunction<String> heldHere, Consumer<ClaimedRun> dispatch) {
		WorkflowQueues.Queue queue = this.queues.get(name);
		if (queue == null) {
			return;
		}
		AtomicInteger pending = this.requests.computeIfAbsent(name, (key) -> new AtomicInteger());
		if (pending.getAndIncrement() > 0) {
			return;
		}
		try {
			do {
				pending.set(1);
				int room = freeCapacity.getAsInt();
				if (queue.perNodeConcurrency() != null) {
					room = Math.min(room, queue.perNodeConcurrency() - heldHere.applyAsInt(name));
				}
				List<ClaimedRun> claimed = (room > 0) ? this.claims.claimQueue(queue, this.clock::now, room)
						: List.of();
				claimed.forEach(dispatch);
			}
			while (!pending.compareAndSet(1, 0));
		}
		catch (RuntimeException | Error ex) {
			// The next request claims again.
			pending.set(0);
			throw ex;
		}
	}

}
