package io.github.ciospring.customerio.resilience;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Creates the rate limiter of one API. The default keeps permits in the process ({@link GcraRateLimiter}); a
 * shared store (Redis) plugs in here, so retry, metrics and the endpoint stay as they are.
 */
@FunctionalInterface
public interface ApiRateLimiterFactory {

	/**
	 * @param name the limiter's name, {@code customerio-<api>}
	 * @param api the short API name, for example {@code track}
	 * @param settings the configured rate, burst and wait
	 * @param tags the tags Resilience4j publishes the limiter's meters with
	 * @return a new limiter
	 */
	PausableRateLimiter create(String name, String api, RateLimitSettings settings, Map<String, String> tags);

	/** Limiters that keep their permits in this process, on the given nanosecond clock. */
	static ApiRateLimiterFactory local(LongSupplier nanoClock) {
		return (name, api, settings, tags) -> new GcraRateLimiter(name, settings.permitsPerSecond(), settings.burst(),
				settings.maxWait(), nanoClock, tags);
	}

}
