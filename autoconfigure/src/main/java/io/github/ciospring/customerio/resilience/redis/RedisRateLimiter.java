package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.resilience.AbstractPausableRateLimiter;
import io.github.ciospring.customerio.resilience.GcraRateLimiter;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A Resilience4j {@link io.github.resilience4j.ratelimiter.RateLimiter} whose permits every instance of the
 * application takes from Redis, so that together they stay under one rate: each reservation is one round trip,
 * a GCRA Lua script on Redis server time ({@link RedisPermitStore}). A pause after a 429 is kept in Redis too,
 * so every instance waits.
 * <p>
 * When Redis has not answered within the timeout for a second ({@link #OUTAGE}, two round trips at least), the
 * instance falls back to a local {@link GcraRateLimiter} at its share of the rate, reports it ({@link #mode()}),
 * checks Redis again at every multiple of the recheck interval on the wall clock (so the instances of a fleet come
 * back together, not one at a time while the others still use their shares) without holding callers up, and takes
 * its permits from Redis again once it answers. One slow round trip is not an outage: it is asked again, and the
 * first round trip of an instance (a new connection, a cold JIT) may take {@link #FIRST_TRIP_TIMEOUT}.
 * {@link #warmUp()} opens the connection and loads the scripts before the first permit is needed.
 * <p>
 * Its parts: {@link RedisRoundTrips} (the round trips and when their failures are an outage), {@link FallbackSwitch}
 * (the mode and when to recheck) and {@link FallbackLedger} (the fallback permits owed to Redis on return).
 * <p>
 * Permits taken on the fallback are spent against Redis when the instance comes back, so that the shared budget
 * knows of them: those of the last second when Redis lost its state (a restart: the whole fleet was on its shares),
 * every one of the last minute when Redis kept it (only this instance was cut off, while the others went on taking
 * the full rate from Redis). The rate over such an episode and its payback then stays at the configured rate.
 */
public final class RedisRateLimiter extends AbstractPausableRateLimiter {

	private static final Log logger = LogFactory.getLog(RedisRateLimiter.class);

	private static final double MICROS_PER_SECOND = 1_000_000;

	/** How long the first round trip of an instance may take, at least: it opens the connection. */
	public static final Duration FIRST_TRIP_TIMEOUT = Duration.ofSeconds(2);

	/** How long round trips must have failed in a row before the instance falls back, at least. */
	public static final Duration OUTAGE = Duration.ofSeconds(1);

	/** Where permits come from now. */
	public enum Mode {

		/** From Redis, shared with every instance. */
		REDIS,

		/** From the local fallback limiter at this instance's share of the rate, because Redis did not answer. */
		FALLBACK

	}

	private final String api;

	private final RedisPermitStore store;

	private final RedisLimiterSettings redisSettings;

	private final GcraRateLimiter fallback;

	private final RedisRoundTrips trips;

	private final FallbackSwitch fallbackSwitch;

	private final FallbackLedger ledger = new FallbackLedger();

	/** The last slot this instance was granted in Redis (local clock). */
	private final AtomicLong lastGranted;

	private volatile double permitsPerSecond;

	private volatile long intervalMicros;

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
		this(name, api, settings, store, redisSettings, nanoClock, System::currentTimeMillis, tags);
	}

	/**
	 * As {@link #RedisRateLimiter(String, String, RateLimitSettings, RedisPermitStore, RedisLimiterSettings,
	 * LongSupplier, Map)}, with the wall clock the rechecks are aligned on.
	 * @param wallMillis milliseconds since the epoch, the same on every instance within clock skew
	 */
	public RedisRateLimiter(String name, String api, RateLimitSettings settings, RedisPermitStore store,
			RedisLimiterSettings redisSettings, LongSupplier nanoClock, LongSupplier wallMillis,
			Map<String, String> tags) {
		super(name, settings.permitsPerSecond(), settings.burst(), settings.maxWait(), nanoClock, tags);
		this.api = api;
		this.store = store;
		this.redisSettings = redisSettings;
		this.fallback = new GcraRateLimiter(name, settings.permitsPerSecond() * redisSettings.fallbackShare(),
				settings.burst(), settings.maxWait(), nanoClock, tags);
		this.trips = new RedisRoundTrips(store, redisSettings.timeout(), nanoClock, this::fallBack);
		this.fallbackSwitch = new FallbackSwitch(redisSettings.recheckInterval(), wallMillis);
		changeRate(settings.permitsPerSecond());
		this.lastGranted = new AtomicLong(pausedUntil());
	}

	/** The API this limiter guards. */
	public String api() {
		return this.api;
	}

	/** Where permits come from now. */
	public Mode mode() {
		if (this.fallbackSwitch.mode() == Mode.FALLBACK) {
			recheckIfDue(now());
		}
		return this.fallbackSwitch.mode();
	}

	/** Since when permits come from where they come from now. */
	public Instant modeSince() {
		return this.fallbackSwitch.since();
	}

	/** The kind of failure that made this instance fall back, {@code null} when it never did. */
	public @Nullable String lastFailure() {
		return this.fallbackSwitch.lastFailure();
	}

	/** The epoch of Redis's state this instance last saw, {@code null} before it saw one. */
	@Nullable String epoch() {
		return this.trips.epoch();
	}

	/** The share of the rate this instance takes on its fallback. */
	public double fallbackShare() {
		return this.redisSettings.fallbackShare();
	}

	/** The keys of this limiter in Redis. */
	public RedisPermitStore store() {
		return this.store;
	}

	/**
	 * Opens the connection to Redis, loads the scripts and learns the epoch of Redis's state, so that the first
	 * permit is one short round trip. Failures are left to the first permit to find.
	 * @return completes when done, or when Redis failed to answer
	 */
	public Mono<Void> warmUp() {
		return this.trips.warmUp();
	}

	@Override
	protected long reserve(int permits) {
		long now = now();
		return (this.fallbackSwitch.mode() == Mode.REDIS) ? reserveInRedis(permits, now)
				: reserveInFallback(permits, now);
	}

	private long reserveInRedis(int permits, long now) {
		while (this.fallbackSwitch.mode() == Mode.REDIS) {
			long wait = this.trips.reserve(this.intervalMicros, getBurst(),
					TimeUnit.NANOSECONDS.toMicros(timeoutNanos()), permits);
			if (wait != RedisRoundTrips.NO_ANSWER) {
				if (wait >= 0) {
					this.lastGranted.accumulateAndGet(now + wait, Math::max);
				}
				return wait;
			}
		}
		return reserveInFallback(permits, now());
	}

	private long reserveInFallback(int permits, long now) {
		recheckIfDue(now);
		long wait = this.fallback.reservePermission(permits);
		if (wait >= 0) {
			this.ledger.record(now, now + wait, permits);
		}
		return wait;
	}

	/** Round trips have failed for {@link #OUTAGE}: permits come from the local fallback until Redis answers. */
	private void fallBack(Throwable failure) {
		if (this.fallbackSwitch.fallBack(failure)) {
			// local permits start after the last slot this instance was granted in Redis
			long interval = Math.round(1e9 / this.fallback.getPermitsPerSecond());
			this.fallback.pauseUntil(Math.max(this.lastGranted.get() + interval, pausedUntil()));
			this.ledger.clear();
			this.fallbackSwitch.scheduleRecheck(now());
			logger.warn("Customer.io " + this.api + " rate limit: Redis did not answer ("
					+ failure.getClass().getSimpleName() + "); using this instance's share of the rate ("
					+ this.fallback.getPermitsPerSecond() + "/s) until it does");
		}
	}

	/**
	 * The next multiple of the recheck interval on the wall clock, as a time on the local clock: every instance
	 * rechecks at the same moments, so they come back to Redis together.
	 */
	long nextAlignedRecheck(long now) {
		return this.fallbackSwitch.nextAlignedRecheck(now);
	}

	/**
	 * When a recheck is due, asks Redis for its epoch, spends what is owed and comes back, without holding callers
	 * up. The question may wait half a recheck interval: asked while the client is still reconnecting to a Redis that
	 * just came back, it is sent as soon as the connection opens, so the instance is back then, not a recheck later.
	 */
	private void recheckIfDue(long now) {
		if (!this.fallbackSwitch.recheckDue(now)) {
			return;
		}
		this.trips.currentEpoch(this.redisSettings.recheckInterval().dividedBy(2))
			.flatMap((seen) -> this.trips.spend(this.intervalMicros, owedOnComeBack(seen, now()))
				.thenReturn(seen))
			.subscribe(this::backToRedis, (failure) -> {
			});
	}

	/**
	 * The permits taken on the fallback that Redis must be told of: every one of the last minute when Redis kept
	 * its state through the outage (the same epoch: the other instances went on taking permits from it at the full
	 * rate), else those of the last second and those still ahead: when Redis lost it (everyone was on their shares),
	 * and when the others kept this instance's share free while Redis did not see it ({@link InstancePresence}), as
	 * they did not take the full rate then.
	 * @param seen the epoch Redis answers with now
	 * @param now the local clock
	 */
	int owedOnComeBack(String seen, long now) {
		boolean othersTookTheFullRate = this.trips.sameState(seen) && !this.store.presence().tracked();
		return this.ledger.owed(othersTookTheFullRate, now);
	}

	private void backToRedis(String seen) {
		if (this.fallbackSwitch.backToRedis()) {
			this.trips.cameBack(seen);
			this.ledger.clear();
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
		requirePositive(permitsPerSecond);
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
		long now = now();
		pauseEndsAt(now + pause.toNanos());
		this.fallback.pauseFor(pause);
		if (this.fallbackSwitch.mode() == Mode.REDIS) {
			this.trips.pause(TimeUnit.NANOSECONDS.toMicros(pause.toNanos()), now);
		}
	}

	/** How long the last pause this instance knows of still runs. */
	public Duration remainingPause() {
		return Duration.ofNanos(remainingPauseNanos());
	}

	/** Drains this instance's fallback permits; the shared permits in Redis are left alone. */
	@Override
	public void drainPermissions() {
		this.fallback.drainPermissions();
	}

	@Override
	public void changeTimeoutDuration(Duration timeoutDuration) {
		super.changeTimeoutDuration(timeoutDuration);
		this.fallback.changeTimeoutDuration(timeoutDuration);
	}

	/** Sets the rate to {@code limitForPeriod} per refresh period of the reported config. */
	@Override
	public void changeLimitForPeriod(int limitForPeriod) {
		changeRate(limitForPeriod * this.permitsPerSecond / getBurst());
	}

	/** {@code burst} permits per {@code burst/rate} seconds, the interval rounded up to a microsecond. */
	@Override
	protected Duration refreshPeriod() {
		return Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(getBurst() * this.intervalMicros));
	}

	/** In Redis mode, this instance's own reservations still to come; on the fallback, the fallback's figure. */
	@Override
	protected int waitingCallers() {
		if (this.fallbackSwitch.mode() == Mode.FALLBACK) {
			return this.fallback.getMetrics().getNumberOfWaitingThreads();
		}
		return (int) Math.min(ownReservationsAhead(), Integer.MAX_VALUE);
	}

	/** In Redis mode, the burst unless a reservation of this instance is still to come; on the fallback, its figure. */
	@Override
	protected int availablePermits() {
		if (this.fallbackSwitch.mode() == Mode.FALLBACK) {
			return this.fallback.getMetrics().getAvailablePermissions();
		}
		return (ownReservationsAhead() > 0) ? 0 : getBurst();
	}

	private long ownReservationsAhead() {
		long ahead = this.lastGranted.get() - now();
		return (ahead <= 0) ? 0 : 1 + ahead / TimeUnit.MICROSECONDS.toNanos(this.intervalMicros);
	}

	@Override
	protected String describeState() {
		return ", mode=" + this.fallbackSwitch.mode();
	}

}
