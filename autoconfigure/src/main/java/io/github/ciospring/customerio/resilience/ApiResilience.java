package io.github.ciospring.customerio.resilience;

import java.time.Duration;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;

/**
 * The rate limiter and retry that guard one API's calls.
 *
 * @param api the short API name used in metrics and errors, for example {@code track}
 * @param rateLimiter the limiter every attempt takes a permit from
 * @param retry the retry around the attempts
 * @param rateLimitedListener told of every 429, before the attempt is retried (the adaptive throttle)
 */
public record ApiResilience(String api, RateLimiter rateLimiter, Retry retry, RateLimitedListener rateLimitedListener) {

	/** Limiter and retry without a 429 listener. */
	public ApiResilience(String api, RateLimiter rateLimiter, Retry retry) {
		this(api, rateLimiter, retry, RateLimitedListener.none());
	}

	/** How long a caller may wait for a permit. */
	public Duration maxWait() {
		return this.rateLimiter.getRateLimiterConfig().getTimeoutDuration();
	}

	/** Tells the 429 listener when the failed attempt was a 429. */
	public void attemptFailed(CustomerIoApiException failure) {
		if (failure.isRateLimited()) {
			this.rateLimitedListener.onRateLimited(failure.getRetryAfter().orElse(null));
		}
	}

}
