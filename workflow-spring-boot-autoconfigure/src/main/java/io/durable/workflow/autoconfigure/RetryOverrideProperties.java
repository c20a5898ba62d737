package io.durable.workflow.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/**
 * Retry settings of one workflow's steps; each overrides the application's when set.
 */
public class RetryOverrideProperties {

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
