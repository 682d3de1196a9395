package io.github.ciospring.customerio.resilience;

import java.time.Duration;

/**
 * How one API's calls are retried.
 *
 * @param maxAttempts attempts in all, the first included (1 disables retries)
 * @param initialBackoff the backoff ceiling for the first retry; each retry doubles it
 * @param maxBackoff the largest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} honoured, at most {@link #RETRY_AFTER_CEILING}; longer values
 * are cut to it
 * @param retryOn which failures are retried
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
		RetryOn retryOn) {

	/** Every {@code Retry-After} is cut to this, whatever the settings say. */
	public static final Duration RETRY_AFTER_CEILING = Duration.ofSeconds(300);

	public RetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("retry max-attempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"retry backoff must satisfy 0 <= initial-backoff <= max-backoff, was " + initialBackoff + " and "
							+ maxBackoff);
		}
		if (maxRetryAfter.isNegative() || maxRetryAfter.compareTo(RETRY_AFTER_CEILING) > 0) {
			throw new IllegalArgumentException("retry max-retry-after must be between 0 and " + RETRY_AFTER_CEILING
					+ ", was " + maxRetryAfter);
		}
	}

	/** Defaults: 4 attempts, 500 ms doubling to 30 s, {@code Retry-After} honoured up to 300 s. */
	public static RetrySettings defaults(RetryOn retryOn) {
		return new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30), RETRY_AFTER_CEILING, retryOn);
	}

}
