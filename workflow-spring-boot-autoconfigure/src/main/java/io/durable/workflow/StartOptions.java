package io.durable.workflow;

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

	private static final StartOptions DEFAULTS = new StartOptions(null);

	private final @Nullable WorkflowId id;

	private StartOptions(@Nullable WorkflowId id) {
		this.id = id;
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
		return new StartOptions(Objects.requireNonNull(id, "id"));
	}

	/**
	 * The caller-chosen workflow id, if any.
	 * @return the id, or {@code null} to generate one
	 */
	public @Nullable WorkflowId workflowId() {
		return this.id;
	}

	@Override
	public String toString() {
		return "StartOptions[id=" + this.id + "]";
	}

}
