package io.durable.workflow.engine.definition;

import java.time.Duration;

import io.durable.workflow.Retry;
import io.durable.workflow.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * One layer of retry settings, each part optional: a step's or a call's own setting, a
 * workflow's, or the application's. For a step, {@code enabled} says whether the step
 * retries; for a workflow, whether its plain steps retry by default.
 *
 * <p>
 * Internal API: it may change in any release.
 *
 * @param enabled whether to retry, or {@code null} to inherit
 * @param maxAttempts attempts in all, or {@code null} to inherit
 * @param initialBackoff the first wait, or {@code null} to inherit
 * @param base the growth factor, or {@code null} to inherit
 */
public record RetryOverride(@Nullable Boolean enabled, @Nullable Integer maxAttempts, @Nullable Duration initialBackoff,
		@Nullable Double base) {

	public static final RetryOverride NONE = new RetryOverride(null, null, null, null);

	/**
	 * The layer an annotation describes, or {@link #NONE} for an unset {@code retry()}.
	 */
	public static RetryOverride of(Retry[] retry, String where) {
		if (retry.length == 0) {
			return NONE;
		}
		if (retry.length > 1) {
			throw new IllegalStateException(where + " declares " + retry.length + " @Retry settings; give at most one");
		}
		Retry annotation = retry[0];
		Duration backoff;
		try {
			backoff = annotation.initialBackoff().isEmpty() ? null
					: DurationStyle.detectAndParse(annotation.initialBackoff());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(where + " has @Retry(initialBackoff = \"" + annotation.initialBackoff()
					+ "\"), which is not a duration such as \"250ms\" or \"2s\"", ex);
		}
		RetryOverride override = new RetryOverride(annotation.value(),
				(annotation.maxAttempts() != 0) ? annotation.maxAttempts() : null, backoff,
				(annotation.base() != 0) ? annotation.base() : null);
		override.check(where);
		return override;
	}

	public static RetryOverride of(RetryPolicy policy) {
		return new RetryOverride(true, policy.maxAttempts(), policy.initialBackoff(), policy.base());
	}

	public static RetryOverride of(boolean enabled) {
		return new RetryOverride(enabled, null, null, null);
	}

	/** This layer, with its unset parts taken from {@code fallback}. */
	RetryOverride orElse(RetryOverride fallback) {
		return new RetryOverride((this.enabled != null) ? this.enabled : fallback.enabled,
				(this.maxAttempts != null) ? this.maxAttempts : fallback.maxAttempts,
				(this.initialBackoff != null) ? this.initialBackoff : fallback.initialBackoff,
				(this.base != null) ? this.base : fallback.base);
	}

	/** Fails with a message naming {@code where} if a set part is out of range. */
	void check(String where) {
		if (this.maxAttempts != null && this.maxAttempts < 1) {
			throw new IllegalStateException(where + ": retry max attempts must be at least 1, got " + this.maxAttempts);
		}
		if (this.initialBackoff != null && this.initialBackoff.isNegative()) {
			throw new IllegalStateException(
					where + ": retry initial backoff must not be negative, got " + this.initialBackoff);
		}
		if (this.base != null && !(this.base >= 1)) {
			throw new IllegalStateException(where + ": retry base must be at least 1, got " + this.base);
		}
	}

}
