package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
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

	private static final StartOptions DEFAULTS = new StartOptions();

	private @Nullable WorkflowId id;

	private Duration runAfter = Duration.ZERO;

	private @Nullable Class<? extends WorkflowCompletionHandler> onComplete;

	private @Nullable Object context;

	/** How long the run may take from its start; exclusive with {@link #deadline}. */
	private @Nullable Duration timeout;

	private @Nullable Instant deadline;

	private @Nullable String queue;

	private @Nullable Integer priority;

	private @Nullable String deduplicationId;

	private @Nullable Duration debounce;

	private StartOptions() {
	}

	/**
	 * A copy to change before it is returned: options are never changed once returned.
	 */
	private StartOptions copy() {
		StartOptions copy = new StartOptions();
		copy.id = this.id;
		copy.runAfter = this.runAfter;
		copy.onComplete = this.onComplete;
		copy.context = this.context;
		copy.timeout = this.timeout;
		copy.deadline = this.deadline;
		copy.queue = this.queue;
		copy.priority = this.priority;
		copy.deduplicationId = this.deduplicationId;
		copy.debounce = this.debounce;
		return copy;
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
		StartOptions options = copy();
		options.id = Objects.requireNonNull(id, "id");
		return options;
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
		StartOptions options = copy();
		options.runAfter = delay;
		return options;
	}

	/**
	 * Calls this handler bean once when the workflow finishes, in the transaction that
	 * records its outcome; see {@link WorkflowCompletionHandler}.
	 * @param handler the type of a bean of the application
	 * @return new options with the handler set
	 */
	public StartOptions onComplete(Class<? extends WorkflowCompletionHandler> handler) {
		StartOptions options = copy();
		options.onComplete = Objects.requireNonNull(handler, "handler");
		return options;
	}

	/**
	 * Passes data from the start site to the completion handler (stored as JSON).
	 * @param context anything Jackson can write
	 * @return new options with the context set
	 */
	public StartOptions context(Object context) {
		StartOptions options = copy();
		options.context = context;
		return options;
	}

	/**
	 * Cancels the run if it has not finished this long after its start (on the engine's
	 * clock), as {@link #deadline(Instant)} does; replaces a deadline set before.
	 * @param timeout how long the run may take, positive
	 * @return new options with the timeout set
	 */
	public StartOptions timeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, got " + timeout);
		}
		StartOptions options = copy();
		options.timeout = timeout;
		options.deadline = null;
		return options;
	}

	/**
	 * Cancels the run if it has not finished by this time (on the engine's clock): it
	 * stops as {@link WorkflowClient#cancel} stops it, with its child workflows, its
	 * completion handler gets {@link WorkflowState#CANCELED}, and its
	 * {@link WorkflowStatus.Canceled#reason()} says the deadline passed. Its child
	 * workflows have the same deadline. Durable: a deadline passed while no node ran is
	 * enforced by the first node that polls. Replaces a timeout set before.
	 * @param deadline when the run must have finished
	 * @return new options with the deadline set
	 */
	public StartOptions deadline(Instant deadline) {
		StartOptions options = copy();
		options.deadline = Objects.requireNonNull(deadline, "deadline");
		options.timeout = null;
		return options;
	}

	/**
	 * Executes the run in this named queue ({@code workflow.queues.<name>}), within its
	 * limits, instead of its workflow's queue or none.
	 * @param queue the queue's name
	 * @return new options with the queue set
	 */
	public StartOptions queue(String queue) {
		StartOptions options = copy();
		options.queue = Objects.requireNonNull(queue, "queue");
		return options;
	}

	/**
	 * The run's priority in its queue: of the runs waiting for room in it, those of the
	 * lowest priority begin first, and among equal ones the one due first. Without it, 0.
	 * Needs a queue.
	 * @param priority the priority, lower first
	 * @return new options with the priority set
	 */
	public StartOptions priority(int priority) {
		StartOptions options = copy();
		options.priority = priority;
		return options;
	}

	/**
	 * While a run holding this deduplication id is in progress in the queue, a start with
	 * it starts nothing and returns that run's id. Needs a queue.
	 * @param deduplicationId the id, 1 to 255 characters
	 * @return new options with the deduplication id set
	 */
	public StartOptions deduplicationId(String deduplicationId) {
		if (deduplicationId.isEmpty() || deduplicationId.length() > WorkflowId.MAX_LENGTH) {
			throw new IllegalArgumentException("A deduplication id has 1 to " + WorkflowId.MAX_LENGTH
					+ " characters, got " + deduplicationId.length());
		}
		StartOptions options = copy();
		options.deduplicationId = deduplicationId;
		return options;
	}

	/**
	 * Gathers a burst of starts with the same {@link #deduplicationId}: the run begins
	 * once no start with it has come for this long, with the arguments of the last one. A
	 * start that comes once the run has begun returns its id, as any start with its
	 * deduplication id does while it is in progress.
	 * @param quiet how long the burst must be quiet, positive
	 * @return new options with the debounce set
	 */
	public StartOptions debounce(Duration quiet) {
		if (quiet.isNegative() || quiet.isZero()) {
			throw new IllegalArgumentException("debounce must be positive, got " + quiet);
		}
		StartOptions options = copy();
		options.debounce = quiet;
		return options;
	}

	/**
	 * The queue asked for.
	 * @return its name, or {@code null} for the workflow's
	 */
	public @Nullable String queueName() {
		return this.queue;
	}

	/**
	 * The priority in the queue.
	 * @return the priority, or {@code null} for the default (0)
	 */
	public @Nullable Integer queuePriority() {
		return this.priority;
	}

	/**
	 * The deduplication id.
	 * @return the id, or {@code null}
	 */
	public @Nullable String deduplication() {
		return this.deduplicationId;
	}

	/**
	 * How long a burst of starts must be quiet before the run begins.
	 * @return the debounce, or {@code null}
	 */
	public @Nullable Duration debounceWindow() {
		return this.debounce;
	}

	/**
	 * The deadline of a run started with these options.
	 * @param start when the run starts
	 * @return the deadline, or {@code null} for none
	 */
	public @Nullable Instant deadlineFrom(Instant start) {
		return (this.timeout != null) ? start.plus(this.timeout) : this.deadline;
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
				+ ((this.onComplete != null) ? this.onComplete.getSimpleName() : null) + ", timeout=" + this.timeout
				+ ", deadline=" + this.deadline + ", queue=" + this.queue + ", priority=" + this.priority
				+ ", deduplicationId=" + this.deduplicationId + ", debounce=" + this.debounce + "]";
	}

}
