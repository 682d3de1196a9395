package io.github.ciospring.customerio.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.resilience.GcraRateLimiter;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * A {@link GcraRateLimiter} on the system's nanosecond clock that records, for every permit it grants, the clock
 * time the permit is scheduled for: the clock reading the reservation was decided on, plus the wait it returned.
 */
public final class RecordingRateLimiter implements RateLimiter {

	private final ThreadLocal<Long> lastReading = new ThreadLocal<>();

	private final GcraRateLimiter delegate;

	private final List<Long> permitTimes = new CopyOnWriteArrayList<>();

	public RecordingRateLimiter(String name, double permitsPerSecond, int burst, Duration timeout) {
		LongSupplier clock = () -> {
			long now = System.nanoTime();
			this.lastReading.set(now);
			return now;
		};
		this.delegate = new GcraRateLimiter(name, permitsPerSecond, burst, timeout, clock, Map.of());
	}

	/** The clock times of the permits granted so far, in nanoseconds. */
	public List<Long> permitTimes() {
		return List.copyOf(this.permitTimes);
	}

	@Override
	public long reservePermission(int permits) {
		long wait = this.delegate.reservePermission(permits);
		if (wait >= 0) {
			// the limiter read the clock on this thread last in the attempt that succeeded
			this.permitTimes.add(this.lastReading.get() + wait);
		}
		return wait;
	}

	@Override
	public boolean acquirePermission(int permits) {
		throw new UnsupportedOperationException("the reactive operator reserves permits");
	}

	@Override
	public void changeTimeoutDuration(Duration timeoutDuration) {
		this.delegate.changeTimeoutDuration(timeoutDuration);
	}

	@Override
	public void changeLimitForPeriod(int limitForPeriod) {
		this.delegate.changeLimitForPeriod(limitForPeriod);
	}

	@Override
	public void drainPermissions() {
		this.delegate.drainPermissions();
	}

	@Override
	public void drainIfNeeded(Either<? extends Throwable, ?> callsResult) {
		this.delegate.drainIfNeeded(callsResult);
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	@Override
	public RateLimiterConfig getRateLimiterConfig() {
		return this.delegate.getRateLimiterConfig();
	}

	@Override
	public Map<String, String> getTags() {
		return this.delegate.getTags();
	}

	@Override
	public Metrics getMetrics() {
		return this.delegate.getMetrics();
	}

	@Override
	public EventPublisher getEventPublisher() {
		return this.delegate.getEventPublisher();
	}

}
