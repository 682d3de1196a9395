package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiter;

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
public final class GcraRateLimiter extends AbstractPausableRateLimiter {

	private final AtomicLong theoreticalArrival;

	private volatile long intervalNanos;

	public GcraRateLimiter(String name, double permitsPerSecond, int burst, Duration timeout, LongSupplier nanoClock,
			Map<String, String> tags) {
		super(name, permitsPerSecond, burst, timeout, nanoClock, tags);
		this.intervalNanos = intervalFor(permitsPerSecond);
		this.theoreticalArrival = new AtomicLong(pausedUntil());
	}

	private static long intervalFor(double permitsPerSecond) {
		return Math.max(1, Math.round(NANOS_PER_SECOND / requirePositive(permitsPerSecond)));
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

	/**
	 * Holds every caller back until the given clock time: the next permit is granted at that time, and the ones
	 * after it are spaced at the rate again, with no burst.
	 * @param nanoTime a time on this limiter's clock
	 */
	public void pauseUntil(long nanoTime) {
		pauseEndsAt(nanoTime);
		long interval = this.intervalNanos;
		this.theoreticalArrival.accumulateAndGet(nanoTime + (getBurst() - 1) * interval, Math::max);
	}

	@Override
	public void pauseFor(Duration pause) {
		pauseUntil(now() + pause.toNanos());
	}

	@Override
	protected long reserve(int permits) {
		long timeout = timeoutNanos();
		int burst = getBurst();
		while (true) {
			long now = now();
			long interval = this.intervalNanos;
			long arrival = this.theoreticalArrival.get();
			long next = Math.max(arrival, now) + permits * interval;
			long wait = Math.max(0, next - burst * interval - now);
			if (wait > timeout) {
				return -1;
			}
			if (this.theoreticalArrival.compareAndSet(arrival, next)) {
				return wait;
			}
		}
	}

	@Override
	public void drainPermissions() {
		long interval = this.intervalNanos;
		this.theoreticalArrival.accumulateAndGet(now() + getBurst() * interval, Math::max);
	}

	/** {@code burst} permits per {@code burst/rate} seconds. */
	@Override
	protected Duration refreshPeriod() {
		return Duration.ofNanos(getBurst() * this.intervalNanos);
	}

	/** Reservations whose slot is still ahead: {@code ceil((TAT - now) / interval) - burst}, at least 0. */
	@Override
	protected int waitingCallers() {
		long interval = this.intervalNanos;
		// permits not yet due: those beyond the burst whose slots start after now
		long reservedSpan = this.theoreticalArrival.get() - now();
		long ahead = Math.floorDiv(reservedSpan + interval - 1, interval) - getBurst();
		return (int) Math.min(Math.max(ahead, 0), Integer.MAX_VALUE);
	}

	@Override
	protected int availablePermits() {
		long interval = this.intervalNanos;
		int burst = getBurst();
		long free = (now() - (this.theoreticalArrival.get() - burst * interval)) / interval;
		return (int) Math.max(Math.min(free, burst), -Integer.MAX_VALUE);
	}

}
