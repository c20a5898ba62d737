package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Supplier;

import io.durable.workflow.Async;
import io.durable.workflow.StepCall;
import io.durable.workflow.WorkflowId;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * What {@link io.durable.workflow.Workflows} does, on the turn running on this thread:
 * each call finds it first, and throws {@link IllegalStateException} where no workflow
 * runs.
 *
 * <p>
 * Internal API, public only for {@link io.durable.workflow.Workflows} and the engine's
 * interceptor: it may change in any release.
 */
public final class WorkflowInternal {

	private WorkflowInternal() {
	}

	/**
	 * The id of the run executing on this thread, in its own code or in one of its steps.
	 */
	public static WorkflowId workflowId() {
		return WorkflowExecution.current("Workflows.workflowId()").workflowId();
	}

	/** Waits durably for a while. */
	public static void sleep(Duration duration) {
		WorkflowExecution execution = WorkflowExecution.require("Workflows.sleep");
		execution.sleepUntil(execution.now().plus(duration));
	}

	/** Waits durably until the given time. */
	public static void sleepUntil(Instant time) {
		WorkflowExecution.require("Workflows.sleepUntil").sleepUntil(time);
	}

	/**
	 * Waits for an event.
	 * @param name the event's name
	 * @param eventId the id of an event created with {@code createEvent}, or {@code null}
	 * @param type the value's type ({@code Void.class} for none)
	 * @param timeout how long to wait at most, or {@code null} for ever
	 * @return the event's value
	 */
	public static @Nullable Object awaitEvent(String name, @Nullable String eventId, Class<?> type,
			@Nullable Duration timeout) {
		return WorkflowExecution.require("Workflows.awaitEvent").awaitEvent(name, eventId, type, timeout);
	}

	/** Starts a step in parallel. */
	public static <T> Async<T> async(Supplier<T> call) {
		return WorkflowExecution.require("Workflows.async").parallel().async(call);
	}

	/** Waits for steps started in parallel. */
	public static void awaitAll(Async<?>... calls) {
		WorkflowExecution.require("Workflows.awaitAll").parallel().awaitAll(calls);
	}

	/** The current time, journaled as a step. */
	public static Instant now() {
		return WorkflowExecution.require("Workflows.now").journaledNow();
	}

	/** The turn's random generator, seeded from the workflow id. */
	public static Random random() {
		return WorkflowExecution.require("Workflows.random").random();
	}

	/** Defines a step at the call site. */
	public static StepCall step(String name) {
		return WorkflowExecution.require("Workflows.step").step(name);
	}

	/** Whether this run takes a patch's new path; see {@code Workflows.patched}. */
	public static boolean patched(String patchId) {
		return Patches.patched(WorkflowExecution.require("Workflows.patched"), patchId);
	}

	/** Passes a patch's marker; see {@code Workflows.deprecatePatch}. */
	public static void deprecatePatch(String patchId) {
		Patches.deprecate(WorkflowExecution.require("Workflows.deprecatePatch"), patchId);
	}

	/**
	 * Routes a call of a {@code @Workflow} or {@code @Step} method, for the engine's
	 * interceptor: recorded for a typed start or a parallel step, journaled from a
	 * workflow's own code, a plain call anywhere else.
	 */
	public static @Nullable Object intercept(MethodInvocation invocation) throws Throwable {
		return WorkflowExecution.intercept(invocation);
	}

}
