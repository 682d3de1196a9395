package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;
import java.util.Arrays;

/**
 * The arrival times of an API's requests as the sandbox saw them, on its clock, for window analysis: the
 * largest number of requests in any window of a given length, and the achieved rate.
 */
public final class RequestTimes {

	private final long[] nanos;

	private final boolean truncated;

	/**
	 * @param nanos arrival times in nanoseconds, in any order
	 * @param truncated whether older times were discarded to bound memory
	 */
	public RequestTimes(long[] nanos, boolean truncated) {
		this.nanos = nanos.clone();
		Arrays.sort(this.nanos);
		this.truncated = truncated;
	}

	/** How many arrival times are held. */
	public int count() {
		return this.nanos.length;
	}

	/** Whether older times were discarded, so the figures cover only the latest requests. */
	public boolean isTruncated() {
		return this.truncated;
	}

	/** The time from the first to the last request held; zero for fewer than two. */
	public Duration span() {
		return (this.nanos.length < 2) ? Duration.ZERO
				: Duration.ofNanos(this.nanos[this.nanos.length - 1] - this.nanos[0]);
	}

	/**
	 * The largest number of requests in any half-open window {@code [t, t + window)}: what a sliding-window limit
	 * of that length would have had to admit.
	 */
	public int maxInWindow(Duration window) {
		long length = window.toNanos();
		int max = 0;
		int start = 0;
		for (int end = 0; end < this.nanos.length; end++) {
			while (this.nanos[end] - this.nanos[start] >= length) {
				start++;
			}
			max = Math.max(max, end - start + 1);
		}
		return max;
	}

	/**
	 * Where the busiest window of that length starts, as an offset from the first request held; zero when none
	 * are held.
	 */
	public Duration busiestWindowStart(Duration window) {
		long length = window.toNanos();
		int max = 0;
		int busiestStart = 0;
		int start = 0;
		for (int end = 0; end < this.nanos.length; end++) {
			while (this.nanos[end] - this.nanos[start] >= length) {
				start++;
			}
			if (end - start + 1 > max) {
				max = end - start + 1;
				busiestStart = start;
			}
		}
		return (this.nanos.length == 0) ? Duration.ZERO : Duration.ofNanos(this.nanos[busiestStart] - this.nanos[0]);
	}

	/** The largest number of requests in any one-second window. */
	public int maxInAnySecond() {
		return maxInWindow(Duration.ofSeconds(1));
	}

	/**
	 * The achieved rate in requests per second: the intervals between the first and the last request held, over
	 * the time they took ({@code (count - 1) / span}); 0 for fewer than two requests.
	 */
	public double ratePerSecond() {
		long span = span().toNanos();
		return (span > 0) ? (this.nanos.length - 1) * 1e9 / span : 0;
	}

	/** A copy of the arrival times, sorted. */
	public long[] toArray() {
		return this.nanos.clone();
	}

}
