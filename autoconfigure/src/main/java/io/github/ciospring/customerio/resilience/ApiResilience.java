package io.github.ciospring.customerio.resilience;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;

/**
 * The rate limiter and retry that guard one API's calls.
 *
 * @param api the short API name used in metrics and errors, for example {@code track}
 * @param rateLimiter the limiter every attempt takes a permit from
 * @param retry the retry around the attempts
 */
public record ApiResilience(String api, RateLimiter rateLimiter, Retry retry) {

	/** How long a caller may wait for a permit. */
	public Duration maxWait() {
		return this.rateLimiter.getRateLimiterConfig().getTimeoutDuration();
	}

}
