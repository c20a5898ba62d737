package io.durable.workflow.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

/** How failing steps are retried, for every workflow. */
public class WorkflowRetryProperties {

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
	 * Whether plain (non-transactional) steps without a retry setting of their own are
	 * retried. When false, such a step fails the workflow (unless caught) at its first
	 * error.
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
