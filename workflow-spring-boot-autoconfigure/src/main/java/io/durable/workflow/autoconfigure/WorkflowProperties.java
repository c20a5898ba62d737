package io.durable.workflow.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
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

	/**
	 * What happens to a run whose replay diverges from its journal (its code called
	 * another step than the journal holds at a position, or returned before reaching
	 * every journaled step): 'park' keeps it in progress, says why in its status, and
	 * tries it again every divergence-retry-interval, so that a node whose code replays
	 * it (the old deploy rolled back, or a fixed one) goes on; 'fail' fails it with a
	 * NonDeterministicWorkflowException.
	 */
	@NotNull
	private Divergence onDivergence = Divergence.PARK;

	/**
	 * The version of the application's code that runs record: the one each run started
	 * on, and the one that last claimed it. Defaults to the build info's version
	 * (META-INF/build-info.properties, as the spring-boot-maven-plugin's build-info goal
	 * writes it), else to the starter's own version.
	 */
	@Size(max = 255)
	private @Nullable String codeVersion;

	/**
	 * How long a parked run (see on-divergence) waits before a node tries it again.
	 */
	@NotNull
	@DurationMin(millis = 10)
	private Duration divergenceRetryInterval = Duration.ofMinutes(1);

	@Valid
	@NestedConfigurationProperty
	private final WorkflowLeaseProperties lease = new WorkflowLeaseProperties();

	@Valid
	@NestedConfigurationProperty
	private final WorkflowJournalProperties journal = new WorkflowJournalProperties();

	@Valid
	@NestedConfigurationProperty
	private final WorkflowRetryProperties retry = new WorkflowRetryProperties();

	@Valid
	@NestedConfigurationProperty
	private final WorkflowRetentionProperties retention = new WorkflowRetentionProperties();

	@Valid
	@NestedConfigurationProperty
	private final WorkflowHealthProperties health = new WorkflowHealthProperties();

	@Valid
	@NestedConfigurationProperty
	private final WorkflowDashboardProperties dashboard = new WorkflowDashboardProperties();

	@Valid
	@NestedConfigurationProperty
	private final WorkflowCompletionHandlerProperties completionHandler = new WorkflowCompletionHandlerProperties();

	@NestedConfigurationProperty
	private final WorkflowJdbcProperties jdbc = new WorkflowJdbcProperties();

	/**
	 * Settings of individual workflows, by workflow name.
	 */
	private final Map<String, @Valid PerWorkflowProperties> workflows = new LinkedHashMap<>();

	/**
	 * Named queues, by name: the limits of the runs executing in each. Runs of no queue
	 * execute as soon as a node has room.
	 */
	private final Map<String, @Valid WorkflowQueueProperties> queues = new LinkedHashMap<>();

	public Map<String, WorkflowQueueProperties> getQueues() {
		return this.queues;
	}

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

	public @Nullable String getCodeVersion() {
		return this.codeVersion;
	}

	public void setCodeVersion(@Nullable String codeVersion) {
		this.codeVersion = codeVersion;
	}

	public Divergence getOnDivergence() {
		return this.onDivergence;
	}

	public void setOnDivergence(Divergence onDivergence) {
		this.onDivergence = onDivergence;
	}

	public Duration getDivergenceRetryInterval() {
		return this.divergenceRetryInterval;
	}

	public void setDivergenceRetryInterval(Duration divergenceRetryInterval) {
		this.divergenceRetryInterval = divergenceRetryInterval;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public WorkflowLeaseProperties getLease() {
		return this.lease;
	}

	public WorkflowJournalProperties getJournal() {
		return this.journal;
	}

	public WorkflowRetryProperties getRetry() {
		return this.retry;
	}

	public WorkflowRetentionProperties getRetention() {
		return this.retention;
	}

	public WorkflowHealthProperties getHealth() {
		return this.health;
	}

	public WorkflowDashboardProperties getDashboard() {
		return this.dashboard;
	}

	public WorkflowCompletionHandlerProperties getCompletionHandler() {
		return this.completionHandler;
	}

	public WorkflowJdbcProperties getJdbc() {
		return this.jdbc;
	}

	public Map<String, PerWorkflowProperties> getWorkflows() {
		return this.workflows;
	}

	/** What happens to a run whose replay diverges from its journal. */
	public enum Divergence {

		/** Keep it in progress, say why, and try it again later. */
		PARK,

		/** Fail it with a NonDeterministicWorkflowException. */
		FAIL

	}

}
