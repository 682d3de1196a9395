package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.github.ciospring.customerio.resilience.redis.RedisRateLimiter;
import io.github.ciospring.customerio.resilience.redis.RedisRateLimiterFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Where each API's permits come from: {@code redis} (shared with every instance) or {@code fallback} (this
 * instance's share of the rate, because Redis did not answer). Always UP, since calls still go out on the fallback;
 * no network call, no secrets.
 */
public class CustomerIoRateLimitHealthIndicator implements HealthIndicator {

	private final Supplier<RedisRateLimiterFactory> limiters;

	/**
	 * @param limiters the factory of the shared limiters; may supply {@code null} when the application replaced it
	 */
	public CustomerIoRateLimitHealthIndicator(Supplier<RedisRateLimiterFactory> limiters) {
		this.limiters = limiters;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("store", "redis");
		RedisRateLimiterFactory factory = this.limiters.get();
		if (factory != null) {
			new TreeMap<>(factory.limiters()).forEach((api, limiter) -> health.withDetail(api, details(limiter)));
		}
		return health.build();
	}

	private static Map<String, Object> details(RedisRateLimiter limiter) {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean fallback = limiter.mode() == RedisRateLimiter.Mode.FALLBACK;
		details.put("permits", fallback ? "fallback" : "redis");
		details.put("since", limiter.modeSince().toString());
		details.put("permitsPerSecond", fallback ? limiter.getPermitsPerSecond() * limiter.fallbackShare()
				: limiter.getPermitsPerSecond());
		if (limiter.lastFailure() != null) {
			details.put("lastFailure", limiter.lastFailure());
		}
		long pauseMillis = limiter.remainingPause().toMillis();
		if (pauseMillis > 0) {
			details.put("pausedForMillis", pauseMillis);
		}
		return details;
	}

}
