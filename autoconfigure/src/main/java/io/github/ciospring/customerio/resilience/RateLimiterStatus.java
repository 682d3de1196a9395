package io.github.ciospring.customerio.resilience;

/**
 * What a Customer.io rate limiter tells health checks and the actuator endpoint about itself, beyond
 * Resilience4j's {@code RateLimiter.Metrics}. {@link GcraRateLimiter} implements it; a limiter that replaces or
 * wraps it (adaptive, shared through Redis) should too, or health and the endpoint see only Resilience4j's view.
 */
public interface RateLimiterStatus {

	/** The rate the limiter was configured with, in permits per second. */
	double getConfiguredPermitsPerSecond();

	/** The rate in force now (lower than configured while an adaptive throttle holds it back). */
	double getPermitsPerSecond();

	/** How many permits may be taken at once after a quiet spell. */
	int getBurst();

	/** Nanoseconds of shared pause (after a 429) still to run, 0 when none. */
	long remainingPauseNanos();

}
