package io.durable.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failing step is retried: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialBackoff × base^(n-1)} before retry n (with jitter: a random 50% to 150%
 * of that). The default, 5 attempts from 250 ms with base 2, waits about 250, 500, 1000
 * and 2000 ms.
 *
 * @param maxAttempts attempts in all, the first included; at least 1. An attempt a crash
 * or a database fault cut off is not counted: the step runs again
 * @param initialBackoff the wait before the first retry; not negative
 * @param base the growth factor of the waits; at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double base) {

	public RetryPolicy {
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
		}
		if (initialBackoff.isNegative()) {
			throw new IllegalArgumentException("initialBackoff must not be negative, got " + initialBackoff);
		}
		if (!(base >= 1)) {
			throw new IllegalArgumentException("base must be at least 1, got " + base);
		}
	}

	/**
	 * Returns the policy with the given settings.
	 * @param maxAttempts attempts in all, the first included
	 * @param initialBackoff the wait before the first retry
	 * @param base the growth factor of the waits
	 * @return the policy
	 */
	public static RetryPolicy of(int maxAttempts, Duration initialBackoff, double base) {
		return new RetryPolicy(maxAttempts, initialBackoff, base);
	}

	/**
	 * The wait, before jitter, after the given number of failed attempts.
	 * @param failedAttempts attempts failed so far, at least 1
	 * @return the backoff before the next attempt
	 */
	public Duration backoff(int failedAttempts) {
		double millis = this.initialBackoff.toMillis() * Math.pow(this.base, failedAttempts - 1);
		return Duration.ofMillis((long) Math.min(millis, Long.MAX_VALUE / 2.0));
	}

}
