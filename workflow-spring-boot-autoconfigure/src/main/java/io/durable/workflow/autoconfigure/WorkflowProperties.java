package io.durable.workflow.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the durable workflow engine ({@code workflow.*}).
 */
@ConfigurationProperties("workflow")
public class WorkflowProperties {

	/**
	 * Whether to enable the workflow engine. When disabled, @Workflow and @Step methods are
	 * plain method calls and no WorkflowClient bean exists.
	 */
	private boolean enabled = true;

	/**
	 * This node's identity in run leases. Must be unique among the application instances that
	 * share the database. Generated (host name, process id and a random suffix) when not set.
	 */
	private @Nullable String nodeId;

	/**
	 * Maximum number of workflow turns running at once on this node.
	 */
	private int maxParallelism = 25;

	/**
	 * How often this node looks for due runs: runs whose node died and runs released by a node
	 * shutting down. Also how often a result() wait looks at the database for a run finishing on
	 * another node.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * How long to wait, at shutdown, for workflow turns that are running. Queued runs are
	 * released at once; runs still running after this are resumed elsewhere once their lease runs
	 * out.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private final Lease lease = new Lease();

	private final Journal journal = new Journal();

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

	/** Leases on running workflow runs. */
	public static class Lease {

		/**
		 * How long a node holds a run it executes without renewing the lease (renewed every third
		 * of this). When a node dies, its runs are resumed by another node (or by the same
		 * application after a restart) once this has passed.
		 */
		private Duration duration = Duration.ofSeconds(10);

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

	}

	/** The journal of workflow runs and steps. */
	public static class Journal {

		/**
		 * Largest JSON payload stored for a workflow's arguments, a step result or a workflow's
		 * return value. Larger payloads fail the call with PayloadTooLargeException.
		 */
		private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

		public DataSize getMaxPayloadSize() {
			return this.maxPayloadSize;
		}

		public void setMaxPayloadSize(DataSize maxPayloadSize) {
			this.maxPayloadSize = maxPayloadSize;
		}

	}

}
