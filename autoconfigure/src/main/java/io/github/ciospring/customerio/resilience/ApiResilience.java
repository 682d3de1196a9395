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
 * @param releasePacer spaces the attempts the limiter let through at the moment they are sent, so timers a stall
 * held back do not go out together
 */
public record ApiResilience(String api, RateLimiter rateLimiter, Retry retry, RateLimitedListener rateLimitedListener,
		ReleasePacer releasePacer) {

	/** Limiter and retry without a 429 listener; attempts are sent when the limiter lets them through. */
	public ApiResilience(String api, RateLimiter rateLimiter, Retry retry) {
		this(api, rateLimiter, retry, RateLimitedListener.none());
	}

	/** Limiter, retry and 429 listener; attempts are sent when the limiter lets them through. */
	public ApiResilience(String api, RateLimiter rateLimiter, Retry retry, RateLimitedListener rateLimitedListener) {
		this(api, rateLimiter, retry, rateLimitedListener, ReleasePacer.unpaced());
	}

	/** How long a caller may wait for a permit. */
	public Duration maxWait() {
		return this.rateLimiter.getRateLimiterConfig().getTimeoutDuration();
	}

	/** Whether taking a permit may block the calling thread (a shared limiter's round trip to Redis). */
	public boolean reservationBlocks() {
		return this.rateLimiter instanceof PausableRateLimiter pausable && pausable.reservationBlocks();
	}

	/** Tells the 429 listener that Customer.io accepted an attempt. */
	public void attemptSucceeded() {
		this.rateLimitedListener.onAccepted();
	}

	/** Tells the 429 listener when the failed attempt was a 429, else that Customer.io took it in. */
	public void attemptFailed(CustomerIoApiException failure) {
		if (failure.isRateLimited()) {
			this.rateLimitedListener.onRateLimited(failure.getRetryAfter().orElse(null));
		}
		else {
			this.rateLimitedListener.onAccepted();
		}
	}

}
