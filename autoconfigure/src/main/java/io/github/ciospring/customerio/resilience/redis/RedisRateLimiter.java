package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * its permits from Redis again once it answers. One slow round trip is not an outage: it is asked again, and the first round trip of an instance
 * (a new connection, a cold JIT) may take {@link #FIRST_TRIP_TIMEOUT}. {@link #warmUp()} opens the connection and
 * loads the scripts before the first permit is needed.
 * <p>
 * Permits taken on the fallback are spent against Redis when the instance comes back, so that the shared budget
 * knows of them: those of the last second when Redis lost its state (a restart: the whole fleet was on its shares),
 * every one of the last minute when Redis kept it (only this instance was cut off, while the others went on taking
 * the full rate from Redis). The rate over such an episode and its payback then stays at the configured rate.
 */
public final class RedisRateLimiter implements PausableRateLimiter {

	private static final Log logger = LogFactory.getLog(RedisRateLimiter.class);

	private static final double MICROS_PER_SECOND = 1_000_000;

	/** How long the first round trip of an instance may take, at least: it opens the connection. */
	public static final Duration FIRST_TRIP_TIMEOUT = Duration.ofSeconds(2);

	/** Round trips in a row that must fail before the instance falls back, at least. */
	static final int FAILURES_TO_FALL_BACK = 2;

	/** How long round trips must have failed in a row before the instance falls back, at least. */
	public static final Duration OUTAGE = Duration.ofSeconds(1);

	private static final long NOT_FAILING = Long.MIN_VALUE;

	private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	/** How far back permits taken on the fallback are spent against Redis when only this instance was cut off. */
	private static final long LEDGER_HORIZON_NANOS = TimeUnit.MINUTES.toNanos(1);

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

	private final LongSupplier wallMillis;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	/** When the round trips started to fail in a row (local clock), {@link #NOT_FAILING} while they answer. */
	private final AtomicLong failingSince = new AtomicLong(NOT_FAILING);

	/** Slots (local clock) of the permits taken on the fallback, the last minute's; guarded by itself. */
	private final ArrayDeque<Long> fallbackSlots = new ArrayDeque<>();

	/** The epoch of Redis's state this instance last saw, {@code null} before it saw one. */
	private volatile String epoch;

	private volatile boolean answered;

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
		this.name = name;
		this.wallMillis = wallMillis;
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

	/** The epoch of Redis's state this instance last saw, {@code null} before it saw one. */
	String epoch() {
		return this.epoch;
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
		return this.store.warmUp()
			.then(this.store.epoch(newEpoch()))
			.doOnNext((seen) -> this.epoch = seen)
			.then()
			.onErrorResume((failure) -> Mono.empty());
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
		while (this.state.get().mode() == Mode.REDIS) {
			CompletableFuture<Long> answer = this.store
				.reserve(this.intervalMicros, this.burst, TimeUnit.NANOSECONDS.toMicros(this.timeoutNanos), permits)
				.toFuture();
			long sent = this.nanoClock.getAsLong();
			try {
				Long waitMicros = answer.get(tripTimeoutNanos(), TimeUnit.NANOSECONDS);
				if (waitMicros == null) {
					throw new IllegalStateException("no answer from the permit script");
				}
				answered();
				if (waitMicros < 0) {
					return -1;
				}
				long wait = TimeUnit.MICROSECONDS.toNanos(waitMicros);
				this.lastGranted.accumulateAndGet(now + wait, Math::max);
				return wait;
			}
			catch (InterruptedException interrupted) {
				abandon(answer);
				Thread.currentThread().interrupt();
				return -1;
			}
			catch (ExecutionException | TimeoutException | RuntimeException failure) {
				abandon(answer);
				// a slot this trip may have taken in Redis is lost, never granted twice: asking again is safe
				failed((failure instanceof ExecutionException) ? failure.getCause() : failure, sent);
			}
		}
		return reserveInFallback(permits, this.nanoClock.getAsLong());
	}

	/**
	 * Cancels a round trip given up on. The Redis client completes the cancelled command in this thread, running its
	 * callbacks here: Lettuce stops the command's observation, and when the event loop is still starting it (a
	 * starved CPU) Micrometer's meter handler throws for want of its {@code Timer.Sample}. That is the observation
	 * failing, not Redis, and never the caller's concern.
	 */
	private static void abandon(CompletableFuture<Long> answer) {
		try {
			answer.cancel(true);
		}
		catch (RuntimeException observationFailure) {
			logger.debug("Cancelling a Redis round trip failed in the client's callbacks", observationFailure);
		}
	}

	/** A new epoch to offer: a Redis that lost its state must answer with one no instance has seen. */
	private static String newEpoch() {
		return UUID.randomUUID().toString();
	}

	/** The first round trip opens the connection and may find a cold JIT: it may take longer. */
	private long tripTimeoutNanos() {
		long timeout = this.redisSettings.timeout().toNanos();
		return this.answered ? timeout : Math.max(timeout, FIRST_TRIP_TIMEOUT.toNanos());
	}

	private void answered() {
		this.consecutiveFailures.set(0);
		this.failingSince.set(NOT_FAILING);
		if (!this.answered) {
			this.answered = true;
			if (this.epoch == null) {
				this.store.epoch(newEpoch()).subscribe((seen) -> this.epoch = seen, (failure) -> {
				});
			}
		}
	}

	/**
	 * Counts a failed round trip; falls back when round trips have failed in a row for {@link #OUTAGE}, two at
	 * least. A slow spell (a starved CPU, a garbage collection) fails several concurrent trips at once, and is not an
	 * outage.
	 * @param sent when the failed round trip was sent (local clock)
	 */
	private void failed(Throwable failure, long sent) {
		this.failingSince.compareAndSet(NOT_FAILING, sent);
		int failures = this.consecutiveFailures.incrementAndGet();
		long since = this.failingSince.get();
		if (failures >= FAILURES_TO_FALL_BACK && since != NOT_FAILING
				&& this.nanoClock.getAsLong() - since >= OUTAGE.toNanos()) {
			fallBack(failure);
		}
	}

	private long reserveInFallback(int permits, long now) {
		recheckIfDue(now);
		long wait = this.fallback.reservePermission(permits);
		if (wait >= 0) {
			synchronized (this.fallbackSlots) {
				for (int i = 0; i < permits; i++) {
					this.fallbackSlots.addLast(now + wait);
				}
				while (this.fallbackSlots.size() > permits
						&& this.fallbackSlots.peekFirst() < now - LEDGER_HORIZON_NANOS) {
					this.fallbackSlots.removeFirst();
				}
			}
		}
		return wait;
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
			synchronized (this.fallbackSlots) {
				this.fallbackSlots.clear();
			}
			this.nextRecheck.set(nextAlignedRecheck(this.nanoClock.getAsLong()));
			logger.warn("Customer.io " + this.api + " rate limit: Redis did not answer ("
					+ fallen.lastFailure() + "); using this instance's share of the rate ("
					+ this.fallback.getPermitsPerSecond() + "/s) until it does");
		}
	}

	/**
	 * The next multiple of the recheck interval on the wall clock, as a time on the local clock: every instance
	 * rechecks at the same moments, so they come back to Redis together.
	 */
	long nextAlignedRecheck(long now) {
		long interval = this.redisSettings.recheckInterval().toMillis();
		if (interval <= 0) {
			return now;
		}
		long wall = this.wallMillis.getAsLong();
		long untilBoundary = interval - Math.floorMod(wall, interval);
		return now + TimeUnit.MILLISECONDS.toNanos(untilBoundary);
	}

	private void recheckIfDue(long now) {
		long due = this.nextRecheck.get();
		if (now < due || !this.nextRecheck.compareAndSet(due, nextAlignedRecheck(now))) {
			return;
		}
		this.store.epoch(newEpoch())
			.timeout(this.redisSettings.timeout())
			.flatMap((seen) -> {
				int owed = owedOnComeBack(seen, this.nanoClock.getAsLong());
				Mono<Long> spent = (owed > 0) ? this.store.spend(this.intervalMicros, owed) : Mono.just(0L);
				return spent.timeout(this.redisSettings.timeout()).thenReturn(seen);
			})
			.subscribe(this::backToRedis, (failure) -> {
			});
	}

	/**
	 * The permits taken on the fallback that Redis must be told of: every one of the last minute when Redis kept
	 * its state through the outage (the same epoch: the other instances went on taking permits from it), else
	 * (Redis lost it, and everyone was on their shares) those of the last second and those still ahead.
	 * @param seen the epoch Redis answers with now
	 * @param now the local clock
	 */
	int owedOnComeBack(String seen, long now) {
		boolean sameState = seen.equals(this.epoch);
		long from = sameState ? now - LEDGER_HORIZON_NANOS : now - NANOS_PER_SECOND;
		synchronized (this.fallbackSlots) {
			return (int) this.fallbackSlots.stream().filter((slot) -> slot >= from).count();
		}
	}

	private void backToRedis(String seen) {
		State current = this.state.get();
		if (current.mode() == Mode.FALLBACK
				&& this.state.compareAndSet(current, new State(Mode.REDIS, Instant.now(), current.lastFailure()))) {
			this.epoch = seen;
			this.consecutiveFailures.set(0);
			this.failingSince.set(NOT_FAILING);
			synchronized (this.fallbackSlots) {
				this.fallbackSlots.clear();
			}
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
				}, (failure) -> failed(failure, now));
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
