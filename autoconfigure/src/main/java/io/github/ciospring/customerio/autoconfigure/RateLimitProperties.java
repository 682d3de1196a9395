package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;

import io.github.ciospring.customerio.resilience.RateLimitSettings;

import org.jspecify.annotations.Nullable;

/**
 * An API's rate limit. Unset values take the API's own default.
 *
 * @param requestsPerSecond the steady rate (track 80, app 10, transactional 80, broadcasts 0.1, pipelines 80)
 * @param burst how many requests may go at once after a quiet spell (default 1); any one-second window holds at
 * most {@code requests-per-second + burst}
 * @param maxWait how long a call may wait for its turn before failing unsent (default 30s; broadcasts 60s)
 */
public record RateLimitProperties(@Nullable Double requestsPerSecond, @Nullable Integer burst,
		@Nullable Duration maxWait) {

	RateLimitSettings resolve(RateLimitSettings defaults) {
		return new RateLimitSettings((this.requestsPerSecond != null) ? this.requestsPerSecond : defaults.permitsPerSecond(),
				(this.burst != null) ? this.burst : defaults.burst(),
				(this.maxWait != null) ? this.maxWait : defaults.maxWait());
	}

}
