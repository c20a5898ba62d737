package io.durable.workflow.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/** The "workflows" health indicator (with Spring Boot Actuator). */
public class WorkflowHealthProperties {

	/**
	 * How long ago this node's loop claiming due runs may have last run before the
	 * indicator reports DOWN. Three poll intervals, but at least 30 seconds, when not
	 * set.
	 */
	@DurationMin(seconds = 1)
	private @Nullable Duration claimLoopTimeout;

	/**
	 * How long the longest-waiting due run (woken, released, or left by a node that died)
	 * may have waited to be claimed by any node before the indicator reports
	 * OUT_OF_SERVICE.
	 */
	@NotNull
	@DurationMin(seconds = 1)
	private Duration backlogLagThreshold = Duration.ofMinutes(1);

	/**
	 * How long the indicator waits for the journal's counts before it reports DOWN, so
	 * that a health check answers in time during a database outage (the connection pool
	 * alone may wait much longer).
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
