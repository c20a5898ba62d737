package io.durable.workflow;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options for {@link WorkflowClient#start}. Immutable: every method returns a new instance.
 *
 * <pre>{@code
 * client.start(OrderWorkflow.class, w -> w.process(order), StartOptions.defaults().id("order-42"));
 * }</pre>
 */
public final class StartOptions {

	private static final StartOptions DEFAULTS = new StartOptions(null, Duration.ZERO);

	private final @Nullable WorkflowId id;

	private final Duration runAfter;

	private StartOptions(@Nullable WorkflowId id, Duration runAfter) {
		this.id = id;
		this.runAfter = runAfter;
	}

	/**
	 * Options with nothing set: a generated id.
	 * @return the default options
	 */
	public static StartOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Uses a caller-chosen workflow id. Starting a workflow with an id that already exists
	 * does not start a second run: {@code start} returns the existing run's id (or throws
	 * {@link WorkflowIdConflictException} if that run belongs to another workflow).
	 * @param id the workflow id, 1 to 255 characters
	 * @return new options with the id set
	 */
	public StartOptions id(String id) {
		return id(WorkflowId.of(id));
	}

	/**
	 * Uses a caller-chosen workflow id; see {@link #id(String)}.
	 * @param id the workflow id
	 * @return new options with the id set
	 */
	public StartOptions id(WorkflowId id) {
		return new StartOptions(Objects.requireNonNull(id, "id"), this.runAfter);
	}

	/**
	 * Starts the workflow's first turn this long after the start commits (durably).
	 * @param delay the delay, not negative
	 * @return new options with the delay set
	 */
	public StartOptions runAfter(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("runAfter must not be negative, got " + delay);
		}
		return new StartOptions(this.id, delay);
	}

	/**
	 * The caller-chosen workflow id, if any.
	 * @return the id, or {@code null} to generate one
	 */
	public @Nullable WorkflowId workflowId() {
		return this.id;
	}

	/**
	 * How long after the start the workflow begins.
	 * @return the delay, zero for at once
	 */
	public Duration startDelay() {
		return this.runAfter;
	}

	@Override
	public String toString() {
		return "StartOptions[id=" + this.id + ", runAfter=" + this.runAfter + "]";
	}

}
