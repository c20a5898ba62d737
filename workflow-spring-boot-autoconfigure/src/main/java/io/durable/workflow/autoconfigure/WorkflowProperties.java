package io.durable.workflow.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the durable workflow engine ({@code workflow.*}), checked at start-up:
 * an unknown name or a value out of range fails start-up with a message naming the
 * property.
 */
@ConfigurationProperties(prefix = "workflow", ignoreUnknownFields = false)
@Validated
public class WorkflowProperties {

	/**
	 * Whether to enable the workflow engine. When disabled, @Workflow and @Step methods
	 * are plain method calls and no WorkflowClient bean exists.
	 */
	private boolean enabled = true;

	/**
	 * This node's identity in run leases. Must be unique among the application instances
	 * that share the database. Generated (host name, process id and a random suffix) when
	 * not set.
	 */
	private @Nullable String nodeId;

	/**
	 * Maximum number of workflow turns and steps running at once on this node, across all
	 * workflows. More work waits in a queue.
	 */
	@Min(1)
	private int maxParallelism = 25;

	/**
	 * How often this node looks for due runs: runs whose node died, runs released by a
	 * node shutting down, and runs whose long wait (sleep, retry backoff, delayed start)
	 * is over. Also how often a result() wait looks at the database for a run finishing
	 * on another node.
	 */
	@NotNull
	@DurationMin(millis = 10)
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * Waits longer than this (a retry's backoff, a step's runAfter, a sleep) suspend the
	 * workflow and free its thread; shorter ones hold the thread. Waits longer than the
	 * lease duration also release the run from this node's memory.
	 */
	@NotNull
	@DurationMin(millis = 0)
	private Duration suspendThreshold = Duration.ofMillis(500);

	/**
	 * How long to wait, at shutdown, for workflow turns and steps that are running.
	 * Queued and waiting runs are released at once; runs still running after this are
	 * resumed elsewhere once their lease runs out.
	 */
	@NotNull
	@DurationMin(millis = 0)
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	@Valid
	private final Lease lease = new Lease();

	@Valid
	private final Journal journal = new Journal();

	@Valid
	private final Retry retry = new Retry();

	@Valid
	private final Retention retention = new Retention();

	@Valid
	private final Health health = new Health();

	@Valid
	private final CompletionHandler completionHandler = new CompletionHandler();

	@NestedConfigurationProperty
	private final WorkflowJdbcProperties jdbc = new WorkflowJdbcProperties();

	/**
	 * Settings of individual workflows, by workflow name.
	 */
	private final Map<String, @Valid WorkflowSettings> workflows = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public int getMaxParallelism() {
		return this.maxParallelism;
	}

	public void setMaxParallelism(int maxParallelism) {
		this.maxParallelism = maxParallelism;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getSuspendThreshold() {
		return this.suspendThreshold;
	}

	public void setSuspendThreshold(Duration suspendThreshold) {
		this.suspendThreshold = suspendThreshold;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Lease getLease() {
		return this.lease;
	}

	public Journal getJournal() {
		return this.journal;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public Health getHealth() {
		return this.health;
	}

	public CompletionHandler getCompletionHandler() {
		return this.completionHandler;
	}

	public WorkflowJdbcProperties getJdbc() {
		return this.jdbc;
	}

	public Map<String, WorkflowSettings> getWorkflows() {
		return this.workflows;
	}

	/** Leases on running workflow runs. */
	public static class Lease {

		/**
		 * How long a node holds a run it executes without renewing the lease (renewed
		 * every third of this). When a node dies, its runs are resumed by another node
		 * (or by the same application after a restart) once this has passed.
		 */
		@NotNull
		@DurationMin(seconds = 1)
		private Duration duration = Duration.ofSeconds(10);

		/**
		 * On PostgreSQL, whether the runs of a node whose process died are taken over
		 * within about a poll interval: each node holds a session advisory lock while it
		 * lives. Off, they wait for their leases to run out.
		 */
		private boolean fastTakeover = true;

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

		public boolean isFastTakeover() {
			return this.fastTakeover;
		}

		public void setFastTakeover(boolean fastTakeover) {
			this.fastTakeover = fastTakeover;
		}

	}

	/**
	 * Completion handlers: what is called when a run finishes, in the transaction
	 * recording it.
	 */
	public static class CompletionHandler {

		/**
		 * Calls in all of a run's completion handler that throws (with a backoff from 250
		 * ms, doubling, up to a minute). After the last, the run's outcome is recorded
		 * without the handler, and its failure stays on the run.
		 */
		@Min(1)
		private int maxAttempts = 10;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/** The journal of workflow runs and steps. */
	public static class Journal {

		/**
		 * Largest JSON payload stored for a workflow's arguments, a step result or a
		 * workflow's return value. Larger payloads fail the call with
		 * InvalidPayloadException.
		 */
		@NotNull
		@DataSizeMin("1KB")
		private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

		/**
		 * How long a step attempt runs, at most, before the journal records it as
		 * running, so that an attempt a crash cuts off is counted in the step's attempts.
		 * Attempts running then are recorded together, in one commit; an attempt that
		 * ends sooner is recorded once, with its outcome. 0 records each attempt before
		 * it runs, at the cost of a commit per attempt.
		 */
		@NotNull
		@DurationMin(millis = 0)
		private Duration attemptStartDelay = Duration.ofMillis(50);

		public DataSize getMaxPayloadSize() {
			return this.maxPayloadSize;
		}

		public void setMaxPayloadSize(DataSize maxPayloadSize) {
			this.maxPayloadSize = maxPayloadSize;
		}

		public Duration getAttemptStartDelay() {
			return this.attemptStartDelay;
		}

		public void setAttemptStartDelay(Duration attemptStartDelay) {
			this.attemptStartDelay = attemptStartDelay;
		}

	}

	/**
	 * Automatic deletion of finished workflows (with their steps, events and child
	 * workflows), counted from when they finished. A state without a retention is kept
	 * forever.
	 */
	public static class Retention {

		/**
		 * How long completed workflows are kept. Kept forever when not set.
		 */
		@DurationMin(seconds = 1)
		private @Nullable Duration completed;

		/**
		 * How long failed workflows are kept. Kept forever when not set.
		 */
		@DurationMin(seconds = 1)
		private @Nullable Duration failed;

		/**
		 * How long canceled workflows are kept. Kept forever when not set.
		 */
		@DurationMin(seconds = 1)
		private @Nullable Duration canceled;

		/**
		 * How often a node looks for finished workflows past their retention. One node at
		 * a time deletes them.
		 */
		@NotNull
		@DurationMin(millis = 10)
		private Duration interval = Duration.ofMinutes(5);

		/**
		 * Most top-level workflows deleted in one transaction.
		 */
		@Min(1)
		private int batchSize = 500;

		public @Nullable Duration getCompleted() {
			return this.completed;
		}

		public void setCompleted(@Nullable Duration completed) {
			this.completed = completed;
		}

		public @Nullable Duration getFailed() {
			return this.failed;
		}

		public void setFailed(@Nullable Duration failed) {
			this.failed = failed;
		}

		public @Nullable Duration getCanceled() {
			return this.canceled;
		}

		public void setCanceled(@Nullable Duration canceled) {
			this.canceled = canceled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

	/** The "workflows" health indicator (with Spring Boot Actuator). */
	public static class Health {

		/**
		 * How long ago this node's loop claiming due runs may have last run before the
		 * indicator reports DOWN. Three poll intervals, but at least 30 seconds, when not
		 * set.
		 */
		@DurationMin(seconds = 1)
		private @Nullable Duration claimLoopTimeout;

		/**
		 * How long the longest-waiting due run (woken, released, or left by a node that
		 * died) may have waited to be claimed by any node before the indicator reports
		 * OUT_OF_SERVICE.
		 */
		@NotNull
		@DurationMin(seconds = 1)
		private Duration backlogLagThreshold = Duration.ofMinutes(1);

		/**
		 * How long the indicator waits for the journal's counts before it reports DOWN,
		 * so that a health check answers in time during a database outage (the connection
		 * pool alone may wait much longer).
		 */
		@NotNull
		@DurationMin(millis = 100)
		private Duration timeout = Duration.ofSeconds(2);

		public @Nullable Duration getClaimLoopTimeout() {
			return this.claimLoopTimeout;
		}

		public void setClaimLoopTimeout(@Nullable Duration claimLoopTimeout) {
			this.claimLoopTimeout = claimLoopTimeout;
		}

		public Duration getBacklogLagThreshold() {
			return this.backlogLagThreshold;
		}

		public void setBacklogLagThreshold(Duration backlogLagThreshold) {
			this.backlogLagThreshold = backlogLagThreshold;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/** How failing steps are retried, for every workflow. */
	public static class Retry {

		/**
		 * Attempts in all, the first included, of a step that retries.
		 */
		@Min(1)
		private int maxAttempts = 5;

		/**
		 * The wait before a step's first retry; each further wait is 'base' times longer
		 * (with jitter: 50% to 150% of it).
		 */
		@NotNull
		@DurationMin(millis = 0)
		private Duration initialBackoff = Duration.ofMillis(250);

		/**
		 * The factor each further wait grows by; at least 1.
		 */
		@DecimalMin("1.0")
		private double base = 2;

		/**
		 * Whether plain (non-transactional) steps without a retry setting of their own
		 * are retried. When false, such a step fails the workflow (unless caught) at its
		 * first error.
		 */
		private boolean actionsByDefault;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getBase() {
			return this.base;
		}

		public void setBase(double base) {
			this.base = base;
		}

		public boolean isActionsByDefault() {
			return this.actionsByDefault;
		}

		public void setActionsByDefault(boolean actionsByDefault) {
			this.actionsByDefault = actionsByDefault;
		}

	}

	/**
	 * Settings of one workflow; unset ones follow the workflow's annotation, then the
	 * application's.
	 */
	public static class WorkflowSettings {

		@Valid
		private final RetryOverrides retry = new RetryOverrides();

		public RetryOverrides getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retry settings of one workflow's steps; each overrides the application's when set.
	 */
	public static class RetryOverrides {

		/**
		 * Attempts in all, the first included, of this workflow's steps that retry.
		 */
		@Min(1)
		private @Nullable Integer maxAttempts;

		/**
		 * The wait before the first retry of this workflow's steps.
		 */
		@DurationMin(millis = 0)
		private @Nullable Duration initialBackoff;

		/**
		 * The factor each further wait grows by, for this workflow's steps; at least 1.
		 */
		@DecimalMin("1.0")
		private @Nullable Double base;

		/**
		 * Whether this workflow's plain steps without a retry setting of their own are
		 * retried.
		 */
		private @Nullable Boolean actionsByDefault;

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable Double getBase() {
			return this.base;
		}

		public void setBase(@Nullable Double base) {
			this.base = base;
		}

		public @Nullable Boolean getActionsByDefault() {
			return this.actionsByDefault;
		}

		public void setActionsByDefault(@Nullable Boolean actionsByDefault) {
			this.actionsByDefault = actionsByDefault;
		}

	}

}
