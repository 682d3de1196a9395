package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * What every Customer.io limiter that hands out permits shares, whatever it takes them from: its name, tags, burst,
 * configured rate and timeout, the config and metrics it reports to Resilience4j, the events it publishes for each
 * reservation, and the shared pause after a 429. Subclasses decide how a reservation is made ({@link #reserve}) and
 * what their meters read.
 */
public abstract class AbstractPausableRateLimiter implements PausableRateLimiter {

	/** Nanoseconds in a second. */
	protected static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	private final String name;

	private final int burst;

	private final double configuredPermitsPerSecond;

	private final LongSupplier nanoClock;

	private final Map<String, String> tags;

	private final RateLimiterEvents events = new RateLimiterEvents();

	private final Metrics metrics = new ReportedMetrics();

	private final AtomicLong pausedUntil;

	private volatile long timeoutNanos;

	/**
	 * @param name the limiter's name
	 * @param permitsPerSecond the configured rate
	 * @param burst how many permits may be taken at once after a quiet spell, at least 1
	 * @param timeout how long a caller may wait for a permit
	 * @param nanoClock the clock waits and pauses are measured on
	 * @param tags the tags of the limiter's meters
	 */
	protected AbstractPausableRateLimiter(String name, double permitsPerSecond, int burst, Duration timeout,
			LongSupplier nanoClock, Map<String, String> tags) {
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, was " + burst);
		}
		requirePositive(permitsPerSecond);
		this.name = name;
		this.burst = burst;
		this.configuredPermitsPerSecond = permitsPerSecond;
		this.nanoClock = nanoClock;
		this.tags = Map.copyOf(tags);
		this.timeoutNanos = timeout.toNanos();
		this.pausedUntil = new AtomicLong(nanoClock.getAsLong());
	}

	/**
	 * Checks a rate.
	 * @param permitsPerSecond the rate
	 * @return the rate
	 * @throws IllegalArgumentException when it is not positive
	 */
	protected static double requirePositive(double permitsPerSecond) {
		if (!(permitsPerSecond > 0)) {
			throw new IllegalArgumentException("permits per second must be positive, was " + permitsPerSecond);
		}
		return permitsPerSecond;
	}

	/**
	 * Reserves the permits and tells the event consumers whether they were granted.
	 * @return how long the caller must wait for its slot in nanoseconds, or -1 when refused
	 */
	@Override
	public final long reservePermission(int permits) {
		long wait = reserve(permits);
		this.events.publish(this.name, permits, wait >= 0);
		return wait;
	}

	/**
	 * Reserves the permits.
	 * @param permits how many
	 * @return how long the caller must wait for its slot in nanoseconds, or -1 when refused
	 */
	protected abstract long reserve(int permits);

	/** The time now on this limiter's clock. */
	protected final long now() {
		return this.nanoClock.getAsLong();
	}

	/** How long a caller may wait for a permit, in nanoseconds. */
	protected final long timeoutNanos() {
		return this.timeoutNanos;
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
		changeRate((double) limitForPeriod * NANOS_PER_SECOND / refreshPeriod().toNanos());
	}

	/**
	 * Keeps the end of a shared pause: the later end wins.
	 * @param nanoTime when the pause ends, on this limiter's clock
	 */
	protected final void pauseEndsAt(long nanoTime) {
		this.pausedUntil.accumulateAndGet(nanoTime, Math::max);
	}

	/** When the last pause ends, on this limiter's clock. */
	protected final long pausedUntil() {
		return this.pausedUntil.get();
	}

	@Override
	public final long remainingPauseNanos() {
		return Math.max(0, this.pausedUntil.get() - now());
	}

	@Override
	public final String getName() {
		return this.name;
	}

	@Override
	public final Map<String, String> getTags() {
		return this.tags;
	}

	@Override
	public final int getBurst() {
		return this.burst;
	}

	/** The rate given at construction, in permits per second; {@link #changeRate} leaves it as it was. */
	@Override
	public final double getConfiguredPermitsPerSecond() {
		return this.configuredPermitsPerSecond;
	}

	/** The equivalent Resilience4j config, for display: {@code burst} permits per {@link #refreshPeriod()}. */
	@Override
	public final RateLimiterConfig getRateLimiterConfig() {
		return RateLimiterConfig.custom()
			.limitForPeriod(this.burst)
			.limitRefreshPeriod(refreshPeriod())
			.timeoutDuration(Duration.ofNanos(this.timeoutNanos))
			.build();
	}

	/** How long {@code burst} permits take at the current rate. */
	protected abstract Duration refreshPeriod();

	@Override
	public final Metrics getMetrics() {
		return this.metrics;
	}

	/** Callers whose permit is reserved but not yet due, for {@link Metrics#getNumberOfWaitingThreads()}. */
	protected abstract int waitingCallers();

	/** Permits a caller could take now without waiting, for {@link Metrics#getAvailablePermissions()}. */
	protected abstract int availablePermits();

	@Override
	public final EventPublisher getEventPublisher() {
		return this.events;
	}

	/** What {@link #toString()} adds after the rate and burst, empty by default. */
	protected String describeState() {
		return "";
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "{name='" + this.name + "', permitsPerSecond=" + getPermitsPerSecond()
				+ ", burst=" + this.burst + describeState() + "}";
	}

	private final class ReportedMetrics implements Metrics {

		@Override
		public int getNumberOfWaitingThreads() {
			return waitingCallers();
		}

		@Override
		public int getAvailablePermissions() {
			return availablePermits();
		}

	}

}
