package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.resilience.GcraRateLimiter;
import io.github.ciospring.customerio.resilience.PausableRateLimiter;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnFailureEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnSuccessEvent;
import io.github.resilience4j.ratelimiter.internal.RateLimiterEventProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A Resilience4j {@link io.github.resilience4j.ratelimiter.RateLimiter} whose permits every instance of the
 * application takes from Redis, so that together they stay under one rate: each reservation is one round trip,
 * a GCRA Lua script on Redis server time ({@link RedisPermitStore}). A pause after a 429 is kept in Redis too,
 * so every instance waits.
 * <p>
 * When Redis does not answer within the timeout, the instance falls back to a local {@link GcraRateLimiter} at its
 * share of the rate, reports it ({@link #mode()}), checks Redis again every recheck interval without holding
 * callers up, and takes its permits from Redis again once it answers.
 */
public final class RedisRateLimiter implements PausableRateLimiter {

	private static final Log logger = LogFactory.getLog(RedisRateLimiter.class);

	private static final double MICROS_PER_SECOND = 1_000_000;

	/** Where permits come from now. */
	public enum Mode {

		/** From Redis, shared with every instance. */
		REDIS,

		/** From the local fallback limiter at this instance's share of the rate, because Redis did not answer. */
		FALLBACK

	}

	private final String name;

	private final String api;

	private final int burst;

	private final RedisPermitStore store;

	private final RedisLimiterSettings redisSettings;

	private final LongSupplier nanoClock;

	private final Map<String, String> tags;

	private final GcraRateLimiter fallback;

	private final RateLimiterEventProcessor events = new RateLimiterEventProcessor();

	private final AtomicReference<State> state;

	private final AtomicLong nextRecheck = new AtomicLong();

	private final AtomicLong lastGranted;

	private final AtomicLong pausedUntil;

	private final double configuredPermitsPerSecond;

	private volatile double permitsPerSecond;

	private volatile long intervalMicros;

	private volatile long timeoutNanos;

	/**
	 * @param name the limiter's name, {@code customerio-<api>}
	 * @param api the API
	 * @param settings the rate, burst and longest wait shared by all instances
	 * @param store the limiter's keys in Redis
	 * @param redisSettings round-trip timeout and fallback
	 * @param nanoClock the local clock, for waits on the fallback
	 * @param tags the tags of the limiter's meters
	 */
	public RedisRateLimiter(String name, String api, RateLimitSettings settings, RedisPermitStore store,
			RedisLimiterSettings redisSettings, LongSupplier nanoClock, Map<String, String> tags) {
		this.name = name;
		this.api = api;
		this.burst = settings.burst();
		this.configuredPermitsPerSecond = settings.permitsPerSecond();
		this.store = store;
		this.redisSettings = redisSettings;
		this.nanoClock = nanoClock;
		this.tags = Map.copyOf(tags);
		this.fallback = new GcraRateLimiter(name, settings.permitsPerSecond() * redisSettings.fallbackShare(),
				settings.burst(), settings.maxWait(), nanoClock, tags);
		this.timeoutNanos = settings.maxWait().toNanos();
		changeRate(settings.permitsPerSecond());
		long now = nanoClock.getAsLong();
		this.lastGranted = new AtomicLong(now);
		this.pausedUntil = new AtomicLong(now);
		this.state = new AtomicReference<>(new State(Mode.REDIS, Instant.now(), null));
	}

	/** The API this limiter guards. */
	public String api() {
		return this.api;
	}

	/** Where permits come from now. */
	public Mode mode() {
		State current = this.state.get();
		if (current.mode() == Mode.FALLBACK) {
			recheckIfDue(this.nanoClock.getAsLong());
		}
		return this.state.get().mode();
	}

	/** Since when permits come from where they come from now. */
	public Instant modeSince() {
		return this.state.get().since();
	}

	/** The kind of failure that made this instance fall back, {@code null} when it never did. */
	public String lastFailure() {
		return this.state.get().lastFailure();
	}

	/** The share of the rate this instance takes on its fallback. */
	public double fallbackShare() {
		return this.redisSettings.fallbackShare();
	}

	/** The keys of this limiter in Redis. */
	public RedisPermitStore store() {
		return this.store;
	}

	@Override
	public long reservePermission(int permits) {
		long now = this.nanoClock.getAsLong();
		long wait = (this.state.get().mode() == Mode.REDIS) ? reserveInRedis(permits, now)
				: reserveInFallback(permits, now);
		if (this.events.hasConsumers()) {
			this.events.consumeEvent((wait >= 0) ? new RateLimiterOnSuccessEvent(this.name, permits)
					: new RateLimiterOnFailureEvent(this.name, permits));
		}
		return wait;
	}

	private long reserveInRedis(int permits, long now) {
		CompletableFuture<Long> answer = this.store
			.reserve(this.intervalMicros, this.burst, TimeUnit.NANOSECONDS.toMicros(this.timeoutNanos), permits)
			.toFuture();
		try {
			Long waitMicros = answer.get(this.redisSettings.timeout().toNanos(), TimeUnit.NANOSECONDS);
			if (waitMicros == null) {
				throw new IllegalStateException("no answer from the permit script");
			}
			if (waitMicros < 0) {
				return -1;
			}
			long wait = TimeUnit.MICROSECONDS.toNanos(waitMicros);
			this.lastGranted.accumulateAndGet(now + wait, Math::max);
			return wait;
		}
		catch (InterruptedException interrupted) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			return -1;
		}
		catch (ExecutionException | TimeoutException | RuntimeException failure) {
			answer.cancel(true);
			fallBack((failure instanceof ExecutionException) ? failure.getCause() : failure);
			return reserveInFallback(permits, now);
		}
	}

	private long reserveInFallback(int permits, long now) {
		recheckIfDue(now);
		return this.fallback.reservePermission(permits);
	}

	private void fallBack(Throwable failure) {
		State current = this.state.get();
		if (current.mode() == Mode.FALLBACK) {
			return;
		}
		State fallen = new State(Mode.FALLBACK, Instant.now(), failure.getClass().getSimpleName());
		if (this.state.compareAndSet(current, fallen)) {
			// local permits start after the last slot this instance was granted in Redis
			long interval = Math.round(1e9 / this.fallback.getPermitsPerSecond());
			this.fallback.pauseUntil(Math.max(this.lastGranted.get() + interval, this.pausedUntil.get()));
			this.nextRecheck.set(this.nanoClock.getAsLong() + this.redisSettings.recheckInterval().toNanos());
			logger.warn("Customer.io " + this.api + " rate limit: Redis did not answer ("
					+ fallen.lastFailure() + "); using this instance's share of the rate ("
					+ this.fallback.getPermitsPerSecond() + "/s) until it does");
		}
	}

	private void recheckIfDue(long now) {
		long due = this.nextRecheck.get();
		if (now < due || !this.nextRecheck.compareAndSet(due, now + this.redisSettings.recheckInterval().toNanos())) {
			return;
		}
		this.store.ping().timeout(this.redisSettings.timeout()).subscribe((pong) -> {
			if (pong) {
				backToRedis();
			}
		}, (failure) -> {
		});
	}

	private void backToRedis() {
		State current = this.state.get();
		if (current.mode() == Mode.FALLBACK
				&& this.state.compareAndSet(current, new State(Mode.REDIS, Instant.now(), current.lastFailure()))) {
			logger.info("Customer.io " + this.api + " rate limit: Redis answers again; permits are shared again");
		}
	}

	/** Always: each reservation waits for Redis's answer. */
	@Override
	public boolean reservationBlocks() {
		return true;
	}

	@Override
	public double getPermitsPerSecond() {
		return this.permitsPerSecond;
	}

	/** Changes the shared rate this instance asks Redis for, and its fallback's share of it. */
	@Override
	public void changeRate(double permitsPerSecond) {
		if (!(permitsPerSecond > 0)) {
			throw new IllegalArgumentException("permits per second must be positive, was " + permitsPerSecond);
		}
		this.intervalMicros = Math.max(1, (long) Math.ceil(MICROS_PER_SECOND / permitsPerSecond));
		this.permitsPerSecond = permitsPerSecond;
		this.fallback.changeRate(permitsPerSecond * this.redisSettings.fallbackShare());
	}

	/**
	 * Pauses every instance: the pause is written to Redis (without waiting for the answer) and kept locally, so the
	 * fallback honours it too.
	 */
	@Override
	public void pauseFor(Duration pause) {
		long now = this.nanoClock.getAsLong();
		this.pausedUntil.accumulateAndGet(now + pause.toNanos(), Math::max);
		this.fallback.pauseFor(pause);
		if (this.state.get().mode() == Mode.REDIS) {
			this.store.pause(TimeUnit.NANOSECONDS.toMicros(pause.toNanos()))
				.timeout(this.redisSettings.timeout())
				.subscribe((remaining) -> {
				}, this::fallBack);
		}
	}

	/** How long the last pause this instance knows of still runs. */
	public Duration remainingPause() {
		return Duration.ofNanos(remainingPauseNanos());
	}

	@Override
	public long remainingPauseNanos() {
		return Math.max(0, this.pausedUntil.get() - this.nanoClock.getAsLong());
	}

	@Override
	public double getConfiguredPermitsPerSecond() {
		return this.configuredPermitsPerSecond;
	}

	@Override
	public int getBurst() {
		return this.burst;
	}

	/** Drains this instance's fallback permits; the shared permits in Redis are left alone. */
	@Override
	public void drainPermissions() {
		this.fallback.drainPermissions();
	}

	@Override
	public void changeTimeoutDuration(Duration timeoutDuration) {
		this.timeoutNanos = timeoutDuration.toNanos();
		this.fallback.changeTimeoutDuration(timeoutDuration);
	}

	/** Sets the rate to {@code limitForPeriod} per refresh period of the reported config. */
	@Override
	public void changeLimitForPeriod(int limitForPeriod) {
		changeRate(limitForPeriod * this.permitsPerSecond / this.burst);
	}

	@Override
	public String getName() {
		return this.name;
	}

	/** The equivalent Resilience4j config, for display: {@code burst} permits per {@code burst/rate} seconds. */
	@Override
	public RateLimiterConfig getRateLimiterConfig() {
		return RateLimiterConfig.custom()
			.limitForPeriod(this.burst)
			.limitRefreshPeriod(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(this.burst * this.intervalMicros)))
			.timeoutDuration(Duration.ofNanos(this.timeoutNanos))
			.build();
	}

	@Override
	public Map<String, String> getTags() {
		return this.tags;
	}

	/** In Redis mode, what this instance knows: its own reservations still to come; on the fallback, its figures. */
	@Override
	public Metrics getMetrics() {
		return new Metrics() {

			@Override
			public int getNumberOfWaitingThreads() {
				if (state.get().mode() == Mode.FALLBACK) {
					return fallback.getMetrics().getNumberOfWaitingThreads();
				}
				return (int) Math.min(ownReservationsAhead(), Integer.MAX_VALUE);
			}

			@Override
			public int getAvailablePermissions() {
				if (state.get().mode() == Mode.FALLBACK) {
					return fallback.getMetrics().getAvailablePermissions();
				}
				return (ownReservationsAhead() > 0) ? 0 : burst;
			}

		};
	}

	private long ownReservationsAhead() {
		long ahead = this.lastGranted.get() - this.nanoClock.getAsLong();
		return (ahead <= 0) ? 0 : 1 + ahead / TimeUnit.MICROSECONDS.toNanos(this.intervalMicros);
	}

	@Override
	public EventPublisher getEventPublisher() {
		return this.events;
	}

	@Override
	public String toString() {
		return "RedisRateLimiter{name='" + this.name + "', permitsPerSecond=" + this.permitsPerSecond + ", burst="
				+ this.burst + ", mode=" + this.state.get().mode() + "}";
	}

	private record State(Mode mode, Instant since, String lastFailure) {

	}

}
