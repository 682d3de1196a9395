package io.github.ciospring.customerio.support;

import java.util.Collection;

/**
 * Counts events in sliding windows of time.
 */
public final class Windows {

	private Windows() {
	}

	/**
	 * The largest number of events in any closed window {@code [t, t + length]}.
	 * @param times event times in nanoseconds, in any order
	 * @param lengthNanos the window's length in nanoseconds
	 * @return the largest count
	 */
	public static int maxInAnyWindow(Collection<Long> times, long lengthNanos) {
		long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
		int max = 0;
		int end = 0;
		for (int start = 0; start < sorted.length; start++) {
			while (end < sorted.length && sorted[end] - sorted[start] <= lengthNanos) {
				end++;
			}
			max = Math.max(max, end - start);
		}
		return max;
	}

}
