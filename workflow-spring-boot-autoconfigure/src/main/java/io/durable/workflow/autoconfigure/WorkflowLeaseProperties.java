package io.durable.workflow.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

/** Leases on running workflow runs. */
public class WorkflowLeaseProperties {

	/**
	 * How long a node holds a run it executes without renewing the lease (renewed every
	 * third of this). When a node dies, its runs are resumed by another node (or by the
	 * same application after a restart) once this has passed.
	 */
	@NotNull
	@DurationMin(seconds = 1)
	private Duration duration = Duration.ofSeconds(10);

	/**
	 * On PostgreSQL, whether the runs of a node whose process died are taken over within
	 * about a poll interval: each node holds a session advisory lock while it lives. Off,
	 * they wait for their leases to run out.
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
