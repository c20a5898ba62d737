package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import io.durable.workflow.engine.execution.WorkflowInternal;

/**
 * Operations for code running inside a {@link Workflow}. Outside a running workflow every
 * method throws {@link IllegalStateException}; all but {@link #workflowId()} must be
 * called from the workflow's own code, not from inside a step.
 *
 * <p>
 * Waits are durable: a sleeping or waiting workflow holds no thread; if it waits longer
 * than {@code workflow.lease.duration} it holds no memory either, and it wakes on time
 * after any number of restarts.
 */
public final class Workflows {

	private Workflows() {
	}

	/**
	 * The id of the workflow run executing on this thread. Also available inside its
	 * steps, for example as an idempotency key for a call to another system.
	 * @return the current workflow id
	 * @throws IllegalStateException when no workflow runs on this thread
	 */
	public static WorkflowId workflowId() {
		return WorkflowInternal.workflowId();
	}

	/**
	 * Pauses the workflow durably.
	 * @param duration how long
	 */
	public static void sleep(Duration duration) {
		WorkflowInternal.sleep(duration);
	}

	/**
	 * Pauses the workflow durably until the given time (at once if it has passed).
	 * @param time when to continue
	 */
	public static void sleepUntil(Instant time) {
		WorkflowInternal.sleepUntil(time);
	}

	/**
	 * Waits for the first unconsumed event of this name sent to this run, continuing at
	 * once if one was sent already. Durable: no thread or memory is held while waiting,
	 * and the wait survives restarts. Two waits for one name consume two events, in the
	 * order they were sent.
	 * @param name the event name
	 * @throws EventFailedException if the event was sent as an error
	 */
	public static void awaitEvent(String name) {
		WorkflowInternal.awaitEvent(name, null, Void.class, null);
	}

	/**
	 * Waits for an event as {@link #awaitEvent(String)} does, at most for
	 * {@code timeout}.
	 * @param name the event name
	 * @param timeout how long to wait at most
	 * @throws WorkflowTimeoutException if none arrived in time
	 * @throws EventFailedException if the event was sent as an error
	 */
	public static void awaitEvent(String name, Duration timeout) {
		WorkflowInternal.awaitEvent(name, null, Void.class, timeout);
	}

	/**
	 * Waits for an event as {@link #awaitEvent(String)} does and returns its value.
	 * @param <T> the value type
	 * @param name the event name
	 * @param type the value's type
	 * @return the value sent
	 * @throws EventFailedException if the event was sent as an error, or its value cannot
	 * be read as {@code type}
	 */
	public static <T> T awaitEvent(String name, Class<T> type) {
		return type.cast(WorkflowInternal.awaitEvent(name, null, type, null));
	}

	/**
	 * Waits for an event's value, at most for {@code timeout}.
	 * @param <T> the value type
	 * @param name the event name
	 * @param type the value's type
	 * @param timeout how long to wait at most
	 * @return the value sent
	 * @throws WorkflowTimeoutException if none arrived in time
	 */
	public static <T> T awaitEvent(String name, Class<T> type, Duration timeout) {
		return type.cast(WorkflowInternal.awaitEvent(name, null, type, timeout));
	}

	/**
	 * Waits for an event of a shared definition and returns its value.
	 * @param <T> the value type
	 * @param event the event's name and type
	 * @return the value sent
	 */
	public static <T> T awaitEvent(EventDefinition<T> event) {
		return awaitEvent(event.name(), event.type());
	}

	/**
	 * Waits for an event of a shared definition, at most for {@code timeout}.
	 * @param <T> the value type
	 * @param event the event's name and type
	 * @param timeout how long to wait at most
	 * @return the value sent
	 * @throws WorkflowTimeoutException if none arrived in time
	 */
	public static <T> T awaitEvent(EventDefinition<T> event, Duration timeout) {
		return awaitEvent(event.name(), event.type(), timeout);
	}

	/**
	 * Waits for exactly the event created with {@link WorkflowClient#createEvent} under
	 * this id.
	 * @param <T> the value type
	 * @param id the event's id
	 * @param type the value's type
	 * @return the value sent
	 */
	public static <T> T awaitEvent(EventId id, Class<T> type) {
		return type.cast(WorkflowInternal.awaitEvent(id.value(), id.value(), type, null));
	}

	/**
	 * Waits for exactly the event with this id, at most for {@code timeout}.
	 * @param <T> the value type
	 * @param id the event's id
	 * @param type the value's type
	 * @param timeout how long to wait at most
	 * @return the value sent
	 * @throws WorkflowTimeoutException if none arrived in time
	 */
	public static <T> T awaitEvent(EventId id, Class<T> type, Duration timeout) {
		return type.cast(WorkflowInternal.awaitEvent(id.value(), id.value(), type, timeout));
	}

	/**
	 * Starts a step or a child workflow that runs in parallel with the workflow's code.
	 * The lambda must make exactly one call, of a {@link Step} method, a {@link Workflow}
	 * method (a child workflow) or {@link #step(String)}; it is recorded, and the step
	 * runs on the workflow pool (a child, as any workflow). Its journal position is the
	 * order of the {@code async} calls, so replays are deterministic whatever order the
	 * steps finish in.
	 *
	 * <pre>{@code
	 * Async<Profile> profile = Workflows.async(() -> crm.loadProfile(userId));
	 * Async<List<Order>> orders = Workflows.async(() -> shop.loadOrders(userId));
	 * Workflows.awaitAll(profile, orders);
	 * }</pre>
	 * @param <T> the step's result type
	 * @param call makes one step or child workflow call
	 * @return the running step
	 */
	public static <T> Async<T> async(Supplier<T> call) {
		return WorkflowInternal.async(call);
	}

	/**
	 * Waits until all the given steps have finished (suspending the workflow meanwhile),
	 * then raises the failure of the first of them that failed, if any.
	 * @param calls steps started with {@link #async}
	 * @throws StepFailedException if one of them failed
	 */
	public static void awaitAll(Async<?>... calls) {
		WorkflowInternal.awaitAll(calls);
	}

	/**
	 * The current time, journaled: a replay of the workflow gets the same instant again.
	 * Use it instead of reading a clock in workflow code.
	 * @return the engine clock's time when this call first ran
	 */
	public static Instant now() {
		return WorkflowInternal.now();
	}

	/**
	 * A random generator seeded from the workflow id: a replay draws the same numbers in
	 * the same order. For jitter, sampling and the like, not for anything secret.
	 * @return this run's deterministic random generator
	 */
	public static Random random() {
		return WorkflowInternal.random();
	}

	/**
	 * A random UUID drawn from {@link #random()}: a replay gets the same one again.
	 * @return a deterministic random UUID
	 */
	public static UUID randomUUID() {
		Random random = random();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	/**
	 * Branches workflow code that changed while runs of it were in progress: {@code true}
	 * where a run takes the new code, {@code false} where a run passed this point under
	 * the code before the change.
	 *
	 * <pre>{@code
	 * if (Workflows.patched("send-receipt")) {
	 *     mail.sendReceipt(order);          // added in this deploy
	 * }
	 * shipping.ship(order);
	 * }</pre>
	 *
	 * A run reaching this call for the first time journals a marker here
	 * ({@link StepInfo#PATCH_PREFIX}{@code <patch id>}, with its next journal write) and
	 * gets {@code true}; a replay finding that marker here gets {@code true} again; a
	 * replay finding another step here (the run passed this point before the change) gets
	 * {@code false}, and the position stays that step's. So every replay of a run takes
	 * the path it took the first time. Once no run that passed this point under the old
	 * code is in progress, remove the old path and replace this call with
	 * {@link #deprecatePatch}.
	 * @param patchId names the change; unique within the workflow
	 * @return whether to take the new path
	 * @throws IllegalArgumentException if the id is blank
	 */
	public static boolean patched(String patchId) {
		return WorkflowInternal.patched(patchId);
	}

	/**
	 * Retires a {@link #patched} check whose old path is gone: it passes the patch's
	 * marker where a run's journal holds it at this position, and journals nothing
	 * otherwise, so runs that took the new path and runs started after it replay alike.
	 * Once no run that passed through the patched version is in progress, remove this
	 * call too.
	 * @param patchId the id given to {@code patched}
	 * @throws IllegalArgumentException if the id is blank
	 */
	public static void deprecatePatch(String patchId) {
		WorkflowInternal.deprecatePatch(patchId);
	}

	/**
	 * Defines a step at the call site: a lambda made into a journaled step, or a step
	 * call with options ({@code runAfter}, {@code runAt}, {@code retry}).
	 * @param name the step's name, recorded in the journal and checked on replay
	 * @return the step call to configure and run
	 */
	public static StepCall step(String name) {
		return WorkflowInternal.step(name);
	}

}
