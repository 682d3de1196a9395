package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * A Resilience4j {@link RateLimiter} whose rate can be changed at run time and which can hold every caller back
 * for a while: what the adaptive throttle needs from a limiter, local or shared.
 */
public interface PausableRateLimiter extends RateLimiter, RateLimiterStatus {

	/** The current rate in permits per second. */
	@Override
	double getPermitsPerSecond();

	/** Changes the rate; permits already reserved keep their slots. */
	void changeRate(double permitsPerSecond);

	/**
	 * Holds every caller back for the given time: the next permit is granted when it has passed, and the ones
	 * after it are spaced at the rate again. Pauses do not add up: the later end wins.
	 * @param pause how long from now
	 */
	void pauseFor(Duration pause);

	/**
	 * Whether {@link #reservePermission(int)} may block the calling thread (a round trip to a shared store), so
	 * that reactive callers must reserve on a thread that may block, never on an I/O event loop.
	 */
	default boolean reservationBlocks() {
		return false;
	}

	/**
	 * Reserves the permits ({@link #reservePermission(int)}) and parks the calling thread until their slot.
	 * @return {@code false} when the slot is further away than the timeout or the thread is interrupted while
	 * waiting
	 */
	@Override
	default boolean acquirePermission(int permits) {
		long wait = reservePermission(permits);
		if (wait < 0) {
			return false;
		}
		long deadline = System.nanoTime() + wait;
		for (long left = wait; left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

}
