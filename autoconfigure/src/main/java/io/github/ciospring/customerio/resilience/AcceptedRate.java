package io.github.ciospring.customerio.resilience;

import java.util.function.LongSupplier;

/**
 * The rate at which Customer.io accepted an API's requests over the last second, the measurement the adaptive
 * throttle cuts to on a 429. Counts in 100 buckets of 10 ms on an injected nanosecond clock. Thread-safe.
 */
final class AcceptedRate {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	private static final int BUCKETS = 100;

	private static final long BUCKET_NANOS = WINDOW_NANOS / BUCKETS;

	private final LongSupplier nanoClock;

	private final long[] counts = new long[BUCKETS];

	/**
	 * The bucket number (time / bucket length) each slot last counted for; 0 for a slot never counted in, which is
	 * harmless, its count being 0 whatever bucket it is taken for.
	 */
	private final long[] bucketOf = new long[BUCKETS];

	private final long created;

	AcceptedRate(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		this.created = nanoClock.getAsLong();
	}

	/** Counts one accepted request, now. */
	synchronized void accepted() {
		long bucket = Math.floorDiv(this.nanoClock.getAsLong(), BUCKET_NANOS);
		int slot = (int) Math.floorMod(bucket, BUCKETS);
		if (this.bucketOf[slot] != bucket) {
			this.bucketOf[slot] = bucket;
			this.counts[slot] = 0;
		}
		this.counts[slot]++;
	}

	/**
	 * Accepted requests per second over the last second, or over the time since this counter was created when that
	 * is shorter (but at least 100 ms, so that one early answer is not taken for a high rate).
	 */
	synchronized double perSecond() {
		long now = this.nanoClock.getAsLong();
		long current = Math.floorDiv(now, BUCKET_NANOS);
		long total = 0;
		for (int slot = 0; slot < BUCKETS; slot++) {
			if (this.bucketOf[slot] > current - BUCKETS) {
				total += this.counts[slot];
			}
		}
		long span = Math.min(WINDOW_NANOS, Math.max(now - this.created, WINDOW_NANOS / 10));
		return total * (double) WINDOW_NANOS / span;
	}

}
