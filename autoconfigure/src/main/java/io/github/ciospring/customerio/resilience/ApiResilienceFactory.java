package io.github.ciospring.customerio.resilience;

import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Creates each API's {@link ApiResilience} and registers its limiter and retry, named {@code customerio-<api>},
 * in the given Resilience4j registries, so they show up wherever those registries are exposed (metrics,
 * actuator endpoints).
 * <p>
 * The limiter comes from an {@link ApiRateLimiterFactory} (in-process by default, or a shared store) and is
 * wrapped in the adaptive throttle ({@link AdaptiveRateLimiter}) unless that is switched off: a 429 then pauses
 * every caller of the API and cuts its rate. Its current rate is the {@code customerio.ratelimit.rate} gauge (tag
 * {@code api}) when a meter registry is given. Behind the limiter, a {@link ReleasePacer} on the same clock spaces
 * the moments attempts are actually sent at the limiter's current rate and burst.
 */
public final class ApiResilienceFactory {

	/** Prefix of every Resilience4j instance this library registers. */
	public static final String INSTANCE_PREFIX = "customerio-";

	/** Gauge of each API's current rate in permits per second. */
	public static final String RATE_GAUGE = "customerio.ratelimit.rate";

	private final RateLimiterRegistry rateLimiters;

	private final RetryRegistry retries;

	private final LongSupplier nanoClock;

	private final DoubleSupplier random;

	private final ApiRateLimiterFactory limiterFactory;

	private final AdaptiveSettings adaptive;

	private final MeterRegistry meterRegistry;

	/** A factory of in-process limiters with the default adaptive throttle and no gauge. */
	public ApiResilienceFactory(RateLimiterRegistry rateLimiters, RetryRegistry retries, LongSupplier nanoClock,
			DoubleSupplier random) {
		this(rateLimiters, retries, nanoClock, random, ApiRateLimiterFactory.local(nanoClock),
				AdaptiveSettings.defaults(), null);
	}

	/**
	 * @param rateLimiters where limiters are registered
	 * @param retries where retries are registered
	 * @param nanoClock the clock of the adaptive throttle and of the release pacer
	 * @param random uniform values in {@code [0, 1)} for backoff jitter
	 * @param limiterFactory where each API's permits come from
	 * @param adaptive how rates react to 429s
	 * @param meterRegistry where the rate gauge is registered, may be {@code null}
	 */
	public ApiResilienceFactory(RateLimiterRegistry rateLimiters, RetryRegistry retries, LongSupplier nanoClock,
			DoubleSupplier random, ApiRateLimiterFactory limiterFactory, AdaptiveSettings adaptive,
			MeterRegistry meterRegistry) {
		this.rateLimiters = rateLimiters;
		this.retries = retries;
		this.nanoClock = nanoClock;
		this.random = random;
		this.limiterFactory = limiterFactory;
		this.adaptive = adaptive;
		this.meterRegistry = meterRegistry;
	}

	/** A factory with registries of its own, the system clock and a thread-local random source. */
	public static ApiResilienceFactory standalone() {
		return new ApiResilienceFactory(RateLimiterRegistry.ofDefaults(), RetryRegistry.ofDefaults(), System::nanoTime,
				() -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
	}

	public ApiResilience create(String api, RateLimitSettings rateLimit, RetrySettings retry) {
		String name = INSTANCE_PREFIX + api;
		Map<String, String> tags = Map.of("customerio.api", api);
		PausableRateLimiter limiter = this.limiterFactory.create(name, api, rateLimit, tags);
		RateLimitedListener rateLimitedListener = RateLimitedListener.none();
		if (this.adaptive.enabled()) {
			AdaptiveRateLimiter adaptiveLimiter = new AdaptiveRateLimiter(limiter, new AdaptiveRateController(
					rateLimit.permitsPerSecond(), this.adaptive, retry.initialBackoff(), retry.maxBackoff(),
					retry.maxRetryAfter(), this.nanoClock));
			limiter = adaptiveLimiter;
			rateLimitedListener = adaptiveLimiter;
		}
		this.rateLimiters.rateLimiter(name, limiter.getRateLimiterConfig(), tags);
		this.rateLimiters.replace(name, limiter);
		if (this.meterRegistry != null) {
			Gauge.builder(RATE_GAUGE, limiter, PausableRateLimiter::getPermitsPerSecond)
				.description("Customer.io API rate the limiter currently allows, in requests per second")
				.baseUnit("requests")
				.tag("api", api)
				.strongReference(true)
				.register(this.meterRegistry);
		}
		RetryConfig retryConfig = RetryConfig.custom()
			.maxAttempts(retry.maxAttempts())
			.retryOnException(retry.retryOn())
			.intervalBiFunction(new FullJitterBackoff(retry, this.random))
			.failAfterMaxAttempts(false)
			.build();
		Retry retryInstance = Retry.of(name, retryConfig, tags);
		this.retries.retry(name, retryConfig, tags);
		this.retries.replace(name, retryInstance);
		return new ApiResilience(api, limiter, retryInstance, rateLimitedListener,
				new ReleasePacer(limiter, this.nanoClock, limiter.reservationBlocks()));
	}

	public RateLimiterRegistry rateLimiterRegistry() {
		return this.rateLimiters;
	}

	public RetryRegistry retryRegistry() {
		return this.retries;
	}

}
