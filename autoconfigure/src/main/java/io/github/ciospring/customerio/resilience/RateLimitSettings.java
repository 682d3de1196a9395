package io.github.ciospring.customerio.resilience;

import java.time.Duration;

/**
 * How fast one API may be called.
 *
 * @param permitsPerSecond the steady rate
 * @param burst how many permits may be taken at once after a quiet spell; any window of {@code T} seconds holds at
 * most {@code burst + permitsPerSecond * T} calls
 * @param maxWait how long a caller may wait for a permit before the call fails without being sent
 */
public record RateLimitSettings(double permitsPerSecond, int burst, Duration maxWait) {

	public RateLimitSettings {
		if (!(permitsPerSecond > 0)) {
			throw new IllegalArgumentException("rate-limit requests-per-second must be positive, was " + permitsPerSecond);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("rate-limit burst must be at least 1, was " + burst);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("rate-limit max-wait must not be negative, was " + maxWait);
		}
	}

}
