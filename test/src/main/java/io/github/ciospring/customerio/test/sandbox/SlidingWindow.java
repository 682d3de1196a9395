package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;

/**
 * A sliding-window limit: at most {@code limit} requests in any window of length {@code window}.
 *
 * @param limit how many requests a window may hold
 * @param window the window's length
 */
public record SlidingWindow(int limit, Duration window) {

	public SlidingWindow {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		if (window == null || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("window must be positive, was " + window);
		}
	}

	/** At most {@code limit} requests in any one second. */
	public static SlidingWindow perSecond(int limit) {
		return new SlidingWindow(limit, Duration.ofSeconds(1));
	}

	/** At most {@code limit} requests in any window of the given length. */
	public static SlidingWindow of(int limit, Duration window) {
		return new SlidingWindow(limit, window);
	}

	@Override
	public String toString() {
		return this.limit + " per " + this.window;
	}

}
