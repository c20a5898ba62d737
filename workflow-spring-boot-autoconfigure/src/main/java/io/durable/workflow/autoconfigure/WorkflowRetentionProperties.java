package io.durable.workflow.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/**
 * Automatic deletion of finished workflows (with their steps, events and child
 * workflows), counted from when they finished. A state without a retention is kept
 * forever.
 */
public class WorkflowRetentionProperties {

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
	 * How often a node looks for finished workflows past their retention. One node at a
	 * time deletes them.
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
