package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;

/**
 * How a shared limiter uses Redis and what it does when Redis does not answer.
 *
 * @param timeout how long one permit's round trip may take before the instance falls back to its local limiter
 * @param fallbackShare the share of the rate the instance takes on its local limiter, for example
 * {@code 1 / expected instances}
 * @param recheckInterval how often an instance on its fallback checks whether Redis answers again
 */
public record RedisLimiterSettings(Duration timeout, double fallbackShare, Duration recheckInterval) {

	public RedisLimiterSettings {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("rate-limit redis timeout must be positive, was " + timeout);
		}
		if (!(fallbackShare > 0 && fallbackShare <= 1)) {
			throw new IllegalArgumentException(
					"rate-limit redis fallback share must be in (0, 1], was " + fallbackShare);
		}
		if (recheckInterval.isNegative()) {
			throw new IllegalArgumentException(
					"rate-limit redis recheck-interval must not be negative, was " + recheckInterval);
		}
	}

}
