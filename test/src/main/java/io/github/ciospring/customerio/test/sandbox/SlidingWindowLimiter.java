package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * An exact sliding-window-log limiter, one log per workspace and {@link LimitGroup}. A request is admitted when
 * fewer than {@code limit} admitted requests lie in the window ending at its arrival, so any half-open window
 * {@code [t, t + window)} holds at most {@code limit} admitted requests. Rejected requests are not logged (they do
 * not push the window on). Each log is a ring of the last {@code limit} admission times, so the check is O(1) and
 * the memory is bounded by the limits. Thread-safe: each log is guarded by its own lock.
 */
public final class SlidingWindowLimiter {

	private final Map<LimitGroup, SlidingWindow> limits;

	private final LongSupplier nanoClock;

	private final Map<Key, WindowLog> logs = new ConcurrentHashMap<>();

	/**
	 * @param limits the limit of each group; a group without one is not limited
	 * @param nanoClock the clock arrivals are timed on, in nanoseconds (for example {@code System::nanoTime})
	 */
	public SlidingWindowLimiter(Map<LimitGroup, SlidingWindow> limits, LongSupplier nanoClock) {
		this.limits = Map.copyOf(limits);
		this.nanoClock = nanoClock;
	}

	/**
	 * Admits or rejects a request arriving now. The clock is read under the log's lock, so the admission times of
	 * one log never go backwards and the bound is exact on the clock's own time line.
	 */
	public Decision tryAcquire(String workspace, LimitGroup group) {
		SlidingWindow limit = this.limits.get(group);
		if (limit == null) {
			return new Decision(true, this.nanoClock.getAsLong(), 0);
		}
		WindowLog log = this.logs.computeIfAbsent(new Key(workspace, group), (key) -> new WindowLog(limit));
		return log.tryAcquire(this.nanoClock);
	}

	/** The limit of a group, if it has one. */
	public Optional<SlidingWindow> limitOf(LimitGroup group) {
		return Optional.ofNullable(this.limits.get(group));
	}

	/** Forgets every admission, as after a restart. */
	public void reset() {
		this.logs.clear();
	}

	/**
	 * Whether a request was admitted, and if not, how long until it would be.
	 *
	 * @param admitted whether the request is within the limit
	 * @param arrivalNanos the clock time the request was judged at
	 * @param retryAfterNanos for a rejected request, the time until the oldest admission in the window leaves it;
	 * 0 when admitted
	 */
	public record Decision(boolean admitted, long arrivalNanos, long retryAfterNanos) {

		/** The wait in whole seconds, rounded up and at least 1, as a {@code Retry-After} header states it. */
		public long retryAfterSeconds() {
			return Math.max(1, (this.retryAfterNanos + 999_999_999L) / 1_000_000_000L);
		}

	}

	private record Key(String workspace, LimitGroup group) {
	}

	private static final class WindowLog {

		private final long windowNanos;

		private final long[] admissions;

		private int count;

		private int oldest;

		WindowLog(SlidingWindow limit) {
			this.windowNanos = limit.window().toNanos();
			this.admissions = new long[limit.limit()];
		}

		synchronized Decision tryAcquire(LongSupplier clock) {
			long now = clock.getAsLong();
			if (this.count < this.admissions.length) {
				this.admissions[(this.oldest + this.count) % this.admissions.length] = now;
				this.count++;
				return new Decision(true, now, 0);
			}
			long leavesWindowAt = this.admissions[this.oldest] + this.windowNanos;
			if (now - leavesWindowAt < 0) {
				return new Decision(false, now, leavesWindowAt - now);
			}
			this.admissions[this.oldest] = now;
			this.oldest = (this.oldest + 1) % this.admissions.length;
			return new Decision(true, now, 0);
		}

	}

}
