package io.durable.workflow;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options for {@link WorkflowClient#start}. Immutable: every method returns a new
 * instance.
 *
 * <pre>{@code
 * client.start(OrderWorkflow.class, w -> w.process(order), StartOptions.defaults().id("order-42"));
 * }</pre>
 */
public final class StartOptions {

	private static final StartOptions DEFAULTS = new StartOptions(null, Duration.ZERO, null, null);

	private final @Nullable WorkflowId id;

	private final Duration runAfter;

	private final @Nullable Class<? extends WorkflowCompletionHandler> onComplete;

	private final @Nullable Object context;

	private StartOptions(@Nullable WorkflowId id, Duration runAfter,
			@Nullable Class<? extends WorkflowCompletionHandler> onComplete, @Nullable Object context) {
		this.id = id;
		this.runAfter = runAfter;
		this.onComplete = onComplete;
		this.context = context;
	}

	/**
	 * Options with nothing set: a generated id.
	 * @return the default options
	 */
	public static StartOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Uses a caller-chosen workflow id. Starting a workflow with an id that already
	 * exists does not start a second run: {@code start} returns the existing run's id (or
	 * throws {@link WorkflowStateException} if that run belongs to another workflow).
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
		return new StartOptions(Objects.requireNonNull(id, "id"), this.runAfter, this.onComplete, this.context);
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
		return new StartOptions(this.id, delay, this.onComplete, this.context);
	}

	/**
	 * Calls this handler bean once when the workflow finishes, in the transaction that
	 * records its outcome; see {@link WorkflowCompletionHandler}.
	 * @param handler the type of a bean of the application
	 * @return new options with the handler set
	 */
	public StartOptions onComplete(Class<? extends WorkflowCompletionHandler> handler) {
		return new StartOptions(this.id, this.runAfter, Objects.requireNonNull(handler, "handler"), this.context);
	}

	/**
	 * Passes data from the start site to the completion handler (stored as JSON).
	 * @param context anything Jackson can write
	 * @return new options with the context set
	 */
	public StartOptions context(Object context) {
		return new StartOptions(this.id, this.runAfter, this.onComplete, context);
	}

	/**
	 * The completion handler.
	 * @return its type, or {@code null}
	 */
	public @Nullable Class<? extends WorkflowCompletionHandler> completionHandler() {
		return this.onComplete;
	}

	/**
	 * The context for the completion handler.
	 * @return the context, or {@code null}
	 */
	public @Nullable Object completionContext() {
		return this.context;
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
		return "StartOptions[id=" + this.id + ", runAfter=" + this.runAfter + ", onComplete="
				+ ((this.onComplete != null) ? this.onComplete.getSimpleName() : null) + "]";
	}

}
