package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.durable.workflow.engine.WorkflowExecution;

/**
 * Operations for code running inside a {@link Workflow}. Outside a running workflow every
 * method throws {@link IllegalStateException}; all but {@link #workflowId()} must be called from
 * the workflow's own code, not from inside a step.
 *
 * <p>Waits are durable: a sleeping or waiting workflow holds no thread; if it waits longer than
 * {@code workflow.lease.duration} it holds no memory either, and it wakes on time after any
 * number of restarts.
 */
public final class Workflows {

	private Workflows() {
	}

	/**
	 * The id of the workflow run executing on this thread. Also available inside its steps, for
	 * example as an idempotency key for a call to another system.
	 * @return the current workflow id
	 * @throws IllegalStateException when no workflow runs on this thread
	 */
	public static WorkflowId workflowId() {
		return WorkflowExecution.current("Workflows.workflowId()").workflowId();
	}

	/**
	 * Pauses the workflow durably.
	 * @param duration how long
	 */
	public static void sleep(Duration duration) {
		WorkflowExecution execution = WorkflowExecution.require("Workflows.sleep");
		execution.sleepUntil(execution.now().plus(duration));
	}

	/**
	 * Pauses the workflow durably until the given time (at once if it has passed).
	 * @param time when to continue
	 */
	public static void sleepUntil(Instant time) {
		WorkflowExecution.require("Workflows.sleepUntil").sleepUntil(time);
	}

	/**
	 * Starts a step that runs in parallel with the workflow's code. The lambda must make exactly
	 * one step call, of a {@link Step} method or of {@link #step(String)}; it is recorded, and the
	 * step runs on the workflow pool. Its journal position is the order of the {@code async}
	 * calls, so replays are deterministic whatever order the steps finish in.
	 *
	 * <pre>{@code
	 * Async<Profile> profile = Workflows.async(() -> crm.loadProfile(userId));
	 * Async<List<Order>> orders = Workflows.async(() -> shop.loadOrders(userId));
	 * Workflows.awaitAll(profile, orders);
	 * }</pre>
	 * @param <T> the step's result type
	 * @param call makes one step call
	 * @return the running step
	 */
	public static <T> Async<T> async(Supplier<T> call) {
		return WorkflowExecution.require("Workflows.async").async(call);
	}

	/**
	 * Waits until all the given steps have finished (suspending the workflow meanwhile), then
	 * raises the failure of the first of them that failed, if any.
	 * @param calls steps started with {@link #async}
	 * @throws StepFailedException if one of them failed
	 */
	public static void awaitAll(Async<?>... calls) {
		WorkflowExecution.require("Workflows.awaitAll").awaitAll(calls);
	}

	/**
	 * Defines a step at the call site: a lambda made into a journaled step, or a step call with
	 * options ({@code runAfter}, {@code runAt}, {@code retry}).
	 * @param name the step's name, recorded in the journal and checked on replay
	 * @return the step call to configure and run
	 */
	public static StepCall step(String name) {
		return WorkflowExecution.require("Workflows.step").step(name);
	}

}
