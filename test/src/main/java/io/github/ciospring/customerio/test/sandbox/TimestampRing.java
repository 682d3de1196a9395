package io.github.ciospring.customerio.test.sandbox;

import java.util.Arrays;

/**
 * The latest {@code capacity} arrival times of one API; once full, the oldest are overwritten. Grows as needed up
 * to its capacity, so a short run uses little memory. Thread-safe.
 */
final class TimestampRing {

	private final int capacity;

	private long[] times;

	private long written;

	TimestampRing(int capacity) {
		this.capacity = capacity;
		this.times = new long[initialLength()];
	}

	private int initialLength() {
		return Math.min(this.capacity, 1024);
	}

	synchronized void add(long nanoTime) {
		if (this.written < this.capacity && this.written == this.times.length) {
			this.times = Arrays.copyOf(this.times, (int) Math.min(this.capacity, 2L * this.times.length));
		}
		this.times[(int) (this.written % this.times.length)] = nanoTime;
		this.written++;
	}

	synchronized RequestTimes snapshot() {
		int held = (int) Math.min(this.written, this.times.length);
		return new RequestTimes(Arrays.copyOf(this.times, held), this.written > held);
	}

	synchronized void clear() {
		this.times = new long[initialLength()];
		this.written = 0;
	}

}
