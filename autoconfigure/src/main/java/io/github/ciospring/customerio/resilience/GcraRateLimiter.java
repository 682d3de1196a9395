package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnFailureEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnSuccessEvent;
import io.github.resilience4j.ratelimiter.internal.RateLimiterEventProcessor;

/**
 * A Resilience4j {@link RateLimiter} that spaces permits evenly (the generic cell rate algorithm): one permit
 * every {@code 1/rate} seconds, with at most {@code burst} taken at once after a quiet spell. Unlike
 * Resilience4j's cycle-based limiter it never lets two refresh periods' worth through back to back, so any
 * window of length {@code T} holds at most {@code burst + rate * T} permits.
 * <p>
 * Callers reserve a slot and wait for it ({@link #reservePermission(int)}), which is what Resilience4j's Reactor
 * operator does; a reservation further away than the timeout is refused. The rate can be changed at run time,
 * and {@link #pauseUntil(long)} holds every caller back until a point in time (one shared pause after a 429).
 * Time comes from an injected nanosecond clock so the bound can be tested on a virtual clock.
 */
public final class GcraRateLimiter implements PausableRateLimiter {

	private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	private final String name;

	private final int burst;

	private final double configuredPermitsPerSecond;

	private final LongSupplier nanoClock;

	private final Map<String, String> tags;

	private final RateLimiterEventProcessor events = new RateLimiterEventProcessor();

	private final AtomicLong theoreticalArrival;

	private volatile long intervalNanos;

	private volatile long timeoutNanos;

	private volatile long pausedUntil;

	public GcraRateLimiter(String name, double permitsPerSecond, int burst, Duration timeout, LongSupplier nanoClock,
			Map<String, String> tags) {
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, was " + burst);
		}
		this.name = name;
		this.burst = burst;
		this.configuredPermitsPerSecond = permitsPerSecond;
		this.nanoClock = nanoClock;
		this.tags = Map.copyOf(tags);
		this.intervalNanos = intervalFor(permitsPerSecond);
		this.timeoutNanos = timeout.toNanos();
		long now = nanoClock.getAsLong();
		this.theoreticalArrival = new AtomicLong(now);
		this.pausedUntil = now;
	}

	private static long intervalFor(double permitsPerSecond) {
		if (!(permitsPerSecond > 0)) {
			throw new IllegalArgumentException("permits per second must be positive, was " + permitsPerSecond);
		}
		return Math.max(1, Math.round(NANOS_PER_SECOND / permitsPerSecond));
	}

	/** The rate given at construction, in permits per second; {@link #changeRate} leaves it as it was. */
	@Override
	public double getConfiguredPermitsPerSecond() {
		return this.configuredPermitsPerSecond;
	}

	/** The current rate in permits per second. */
	@Override
	public double getPermitsPerSecond() {
		return (double) NANOS_PER_SECOND / this.intervalNanos;
	}

	/** Changes the rate; permits already reserved keep their slots. */
	@Override
	public void changeRate(double permitsPerSecond) {
		this.intervalNanos = intervalFor(permitsPerSecond);
	}

	@Override
	public int getBurst() {
		return this.burst;
	}

	/**
	 * Holds every caller back until the given clock time: the next permit is granted at that time, and the ones
	 * after it are spaced at the rate again, with no burst.
	 * @param nanoTime a time on this limiter's clock
	 */
	public void pauseUntil(long nanoTime) {
		this.pausedUntil = Math.max(this.pausedUntil, nanoTime);
		long interval = this.intervalNanos;
		this.theoreticalArrival.accumulateAndGet(nanoTime + (this.burst - 1) * interval, Math::max);
	}

	@Override
	public void pauseFor(Duration pause) {
		pauseUntil(this.nanoClock.getAsLong() + pause.toNanos());
	}

	/** Nanoseconds of shared pause still to run, 0 when none. */
	public long remainingPauseNanos() {
		return Math.max(0, this.pausedUntil - this.nanoClock.getAsLong());
	}

	@Override
	public long reservePermission(int permits) {
		long timeout = this.timeoutNanos;
		while (true) {
			long now = this.nanoClock.getAsLong();
			long interval = this.intervalNanos;
			long arrival = this.theoreticalArrival.get();
			long next = Math.max(arrival, now) + permits * interval;
			long wait = Math.max(0, next - this.burst * interval - now);
			if (wait > timeout) {
				if (this.events.hasConsumers()) {
					this.events.consumeEvent(new RateLimiterOnFailureEvent(this.name, permits));
				}
				return -1;
			}
			if (this.theoreticalArrival.compareAndSet(arrival, next)) {
				if (this.events.hasConsumers()) {
					this.events.consumeEvent(new RateLimiterOnSuccessEvent(this.name, permits));
				}
				return wait;
			}
		}
	}

	@Override
	public void drainPermissions() {
		long interval = this.intervalNanos;
		this.theoreticalArrival.accumulateAndGet(this.nanoClock.getAsLong() + this.burst * interval, Math::max);
	}

	@Override
	public void changeTimeoutDuration(Duration timeoutDuration) {
		this.timeoutNanos = timeoutDuration.toNanos();
	}

	/**
	 * Sets how many permits one refresh period of the reported config holds, which changes the rate to
	 * {@code limitForPeriod / limitRefreshPeriod}.
	 */
	@Override
	public void changeLimitForPeriod(int limitForPeriod) {
		long period = this.burst * this.intervalNanos;
		changeRate((double) limitForPeriod * NANOS_PER_SECOND / period);
	}

	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * The equivalent Resilience4j config, for display: {@code burst} permits per {@code burst/rate} seconds.
	 */
	@Override
	public RateLimiterConfig getRateLimiterConfig() {
		return RateLimiterConfig.custom()
			.limitForPeriod(this.burst)
			.limitRefreshPeriod(Duration.ofNanos(this.burst * this.intervalNanos))
			.timeoutDuration(Duration.ofNanos(this.timeoutNanos))
			.build();
	}

	@Override
	public Map<String, String> getTags() {
		return this.tags;
	}

	@Override
	public Metrics getMetrics() {
		return new Metrics() {

			@Override
			public int getNumberOfWaitingThreads() {
				return reservedAhead();
			}

			@Override
			public int getAvailablePermissions() {
				long interval = intervalNanos;
				long free = (nanoClock.getAsLong() - (theoreticalArrival.get() - burst * interval)) / interval;
				return (int) Math.max(Math.min(free, burst), -Integer.MAX_VALUE);
			}

		};
	}

	/** Reservations whose slot is still ahead: {@code ceil((TAT - now) / interval) - burst}, at least 0. */
	private int reservedAhead() {
		long interval = this.intervalNanos;
		// permits not yet due: those beyond the burst whose slots start after now
		long reservedSpan = this.theoreticalArrival.get() - this.nanoClock.getAsLong();
		long ahead = Math.floorDiv(reservedSpan + interval - 1, interval) - this.burst;
		return (int) Math.min(Math.max(ahead, 0), Integer.MAX_VALUE);
	}

	@Override
	public EventPublisher getEventPublisher() {
		return this.events;
	}

	@Override
	public String toString() {
		return "GcraRateLimiter{name='" + this.name + "', permitsPerSecond=" + getPermitsPerSecond() + ", burst="
				+ this.burst + "}";
	}

}
