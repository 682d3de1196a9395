package io.github.ciospring.customerio.resilience.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.resilience.ApiRateLimiterFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Creates {@link RedisRateLimiter}s, one per API, keyed per workspace and API, and keeps them so that their state
 * can be reported. Each limiter's mode is the {@code customerio.ratelimit.fallback} gauge (tag {@code api}): 1 while
 * it uses its local fallback, 0 while it takes permits from Redis.
 */
public final class RedisRateLimiterFactory implements ApiRateLimiterFactory, AutoCloseable {

	/** Gauge that is 1 while an API's limiter uses its local fallback, 0 while it takes permits from Redis. */
	public static final String FALLBACK_GAUGE = "customerio.ratelimit.fallback";

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Function<String, String> workspaceOf;

	private final RedisLimiterSettings settings;

	private final LongSupplier nanoClock;

	private final MeterRegistry meterRegistry;

	private final Map<String, RedisRateLimiter> limiters = new ConcurrentHashMap<>();

	private final InstancePresence presence;

	/** Says every so often that this instance is there, while its limiters take permits from Redis. */
	private final Disposable.Swap heartbeat = Disposables.swap();

	private final AtomicBoolean heartbeatStarted = new AtomicBoolean();

	/**
	 * @param redis the application's Redis
	 * @param keyPrefix prefix of every key
	 * @param workspaceOf names the workspace of an API in keys; never a raw credential (see {@link #workspaceId})
	 * @param settings round-trip timeout and fallback
	 * @param nanoClock the local clock
	 * @param meterRegistry where the fallback gauge is registered, may be {@code null}
	 */
	public RedisRateLimiterFactory(ReactiveStringRedisTemplate redis, String keyPrefix,
			Function<String, String> workspaceOf, RedisLimiterSettings settings, LongSupplier nanoClock,
			MeterRegistry meterRegistry) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.workspaceOf = workspaceOf;
		this.settings = settings;
		this.nanoClock = nanoClock;
		this.meterRegistry = meterRegistry;
		this.presence = settings.presence(RedisRateLimiter.OUTAGE);
	}

	@Override
	public RedisRateLimiter create(String name, String api, RateLimitSettings settings, Map<String, String> tags) {
		RedisPermitStore store = new RedisPermitStore(this.redis, this.keyPrefix, this.workspaceOf.apply(api), api,
				this.presence);
		RedisRateLimiter limiter = new RedisRateLimiter(name, api, settings, store, this.settings, this.nanoClock,
				tags);
		this.limiters.put(api, limiter);
		startHeartbeat();
		if (this.meterRegistry != null) {
			Gauge.builder(FALLBACK_GAUGE, limiter, (it) -> (it.mode() == RedisRateLimiter.Mode.FALLBACK) ? 1 : 0)
				.description("1 while the Customer.io API's rate limiter uses its local fallback because Redis does "
						+ "not answer, 0 while permits are shared through Redis")
				.tag("api", api)
				.strongReference(true)
				.register(this.meterRegistry);
		}
		return limiter;
	}

	/**
	 * An idle instance takes no permits, so it says it is there four times per absent-after; one on its fallback
	 * does not, so that the others keep its share free. A round trip that fails is left to the next.
	 */
	private void startHeartbeat() {
		if (!this.presence.tracked() || !this.heartbeatStarted.compareAndSet(false, true)) {
			return;
		}
		// after close, the swap disposes what it is given
		this.heartbeat.update(Flux.interval(this.presence.absentAfter().dividedBy(4))
			.onBackpressureDrop()
			.concatMap((tick) -> Flux.fromIterable(this.limiters.values())
				.filter((limiter) -> limiter.mode() == RedisRateLimiter.Mode.REDIS)
				.concatMap((limiter) -> limiter.store()
					.present()
					.timeout(this.settings.timeout())
					.onErrorResume((failure) -> Mono.empty())))
			.subscribe());
	}

	/**
	 * Stops saying this instance is there and tells Redis it is gone, so that the others take its share at once
	 * rather than after {@code absentInstanceHold}.
	 */
	@Override
	public void close() {
		this.heartbeat.dispose();
		if (this.presence.tracked()) {
			Flux.fromIterable(this.limiters.values())
				.flatMap((limiter) -> limiter.store().leave().onErrorResume((failure) -> Mono.empty()))
				.then()
				.block(this.settings.timeout().multipliedBy(10));
		}
	}

	/** This instance's presence among those sharing the limiters. */
	public InstancePresence presence() {
		return this.presence;
	}

	/** The limiters created so far, by API. */
	public Map<String, RedisRateLimiter> limiters() {
		return Map.copyOf(this.limiters);
	}

	/**
	 * A workspace id safe to put in a key: the first 16 hex digits of the SHA-256 of the given credentials, so that
	 * instances with the same credentials share keys and no credential is readable from Redis.
	 * @param credentials the API's credentials, {@code null}s ignored
	 * @return the id, {@code default} when no credential is given
	 */
	public static String workspaceId(String... credentials) {
		String joined = String.join("\n", Arrays.stream(credentials).filter(Objects::nonNull).toList());
		if (joined.isEmpty()) {
			return "default";
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException unavailable) {
			throw new IllegalStateException("SHA-256 is not available", unavailable);
		}
	}

}
