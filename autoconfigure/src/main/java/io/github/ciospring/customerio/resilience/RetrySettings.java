package io.github.ciospring.customerio.resilience;

import java.time.Duration;

/**
 * How one API's calls are retried.
 *
 * @param maxAttempts attempts in all, the first included (1 disables retries)
 * @param initialBackoff the backoff ceiling for the first retry; each retry doubles it
 * @param maxBackoff the largest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer values are cut to it
 * @param retryOn which failures are retried
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
		RetryOn retryOn) {

	public RetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("retry max-attempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"retry backoff must satisfy 0 <= initial-backoff <= max-backoff, was " + initialBackoff + " and "
							+ maxBackoff);
		}
		if (maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("retry max-retry-after must not be negative, was " + maxRetryAfter);
		}
	}

	/** Defaults: 4 attempts, 500 ms doubling to 30 s, {@code Retry-After} honoured up to 300 s. */
	public static RetrySettings defaults(RetryOn retryOn) {
		return new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(300), retryOn);
	}

}
