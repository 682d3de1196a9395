package io.github.ciospring.customerio.resilience;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * Creates each API's {@link ApiResilience} and registers its limiter and retry, named {@code customerio-<api>},
 * in the given Resilience4j registries, so they show up wherever those registries are exposed (metrics,
 * actuator endpoints).
 */
public final class ApiResilienceFactory {

	/** Prefix of every Resilience4j instance this library registers. */
	public static final String INSTANCE_PREFIX = "customerio-";

	private final RateLimiterRegistry rateLimiters;

	private final RetryRegistry retries;

	private final LongSupplier nanoClock;

	private final DoubleSupplier random;

	public ApiResilienceFactory(RateLimiterRegistry rateLimiters, RetryRegistry retries, LongSupplier nanoClock,
			DoubleSupplier random) {
		this.rateLimiters = rateLimiters;
		this.retries = retries;
		this.nanoClock = nanoClock;
		this.random = random;
	}

	/** A factory with registries of its own, the system clock and a thread-local random source. */
	public static ApiResilienceFactory standalone() {
		return new ApiResilienceFactory(RateLimiterRegistry.ofDefaults(), RetryRegistry.ofDefaults(), System::nanoTime,
				() -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
	}

	public ApiResilience create(String api, RateLimitSettings rateLimit, RetrySettings retry) {
		String name = INSTANCE_PREFIX + api;
		Map<String, String> tags = Map.of("customerio.api", api);
		GcraRateLimiter limiter = new GcraRateLimiter(name, rateLimit.permitsPerSecond(), rateLimit.burst(),
				rateLimit.maxWait(), this.nanoClock, tags);
		this.rateLimiters.rateLimiter(name, limiter.getRateLimiterConfig(), tags);
		this.rateLimiters.replace(name, limiter);
		RetryConfig retryConfig = RetryConfig.custom()
			.maxAttempts(retry.maxAttempts())
			.retryOnException(retry.retryOn())
			.intervalBiFunction(new FullJitterBackoff(retry, this.random))
			.failAfterMaxAttempts(false)
			.build();
		Retry retryInstance = Retry.of(name, retryConfig, tags);
		this.retries.retry(name, retryConfig, tags);
		this.retries.replace(name, retryInstance);
		return new ApiResilience(api, limiter, retryInstance);
	}

	public RateLimiterRegistry rateLimiterRegistry() {
		return this.rateLimiters;
	}

	public RetryRegistry retryRegistry() {
		return this.retries;
	}

}
