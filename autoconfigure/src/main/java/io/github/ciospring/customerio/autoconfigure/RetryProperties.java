package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;

import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;

import org.jspecify.annotations.Nullable;

/**
 * An API's retry policy. Unset values take the API's own default.
 *
 * @param maxAttempts attempts in all, the first included (default 4; 1 disables retries)
 * @param initialBackoff the backoff ceiling of the first retry, doubled on each retry (default 500ms)
 * @param maxBackoff the largest backoff ceiling (default 30s)
 * @param maxRetryAfter the longest Retry-After honoured (default and maximum 300s)
 * @param retryOn which failures are retried: transient-failures (default for idempotent APIs),
 * surely-undelivered (default for message sends), or never
 */
public record RetryProperties(@Nullable Integer maxAttempts, @Nullable Duration initialBackoff,
		@Nullable Duration maxBackoff, @Nullable Duration maxRetryAfter, @Nullable RetryOn retryOn) {

	RetrySettings resolve(RetrySettings defaults) {
		return new RetrySettings((this.maxAttempts != null) ? this.maxAttempts : defaults.maxAttempts(),
				(this.initialBackoff != null) ? this.initialBackoff : defaults.initialBackoff(),
				(this.maxBackoff != null) ? this.maxBackoff : defaults.maxBackoff(),
				(this.maxRetryAfter != null) ? this.maxRetryAfter : defaults.maxRetryAfter(),
				(this.retryOn != null) ? this.retryOn : defaults.retryOn());
	}

}
