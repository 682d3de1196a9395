package io.github.ciospring.customerio.delivery;

import java.time.Duration;

import io.github.ciospring.customerio.track.TrackLimits;

/**
 * How a {@link TrackDeliveryQueue} holds, packs and sends operations.
 *
 * @param capacityItems most operations held at once (queued, in flight, or waiting to be sent again)
 * @param capacityBytes most bytes of operation JSON held at once; at least 64 KB
 * @param maxBatchItems most operations in one {@code /api/v2/batch} request
 * @param maxBatchBytes largest {@code /api/v2/batch} request body; between 32,012 bytes (one largest operation
 * and the batch frame) and 499,999 bytes (Customer.io requires a batch "smaller than 500kb", read as 500,000)
 * @param linger how long a lone operation may wait for others to share its request
 * @param concurrency most batch requests in flight at once, waiting for a rate-limit permit included
 * @param offerTimeout how long {@code offer} waits for space when the queue is full; zero fails at once
 * @param drainTimeout how long a shutdown may take to deliver what is held before failing the rest
 * @param redeliveryAttempts how often a batch is sent again after the client's own retries gave up on a
 * transient failure; 0 fails its operations at once
 * @param redeliveryDelay how long a batch waits before it is sent again
 */
public record DeliverySettings(int capacityItems, long capacityBytes, int maxBatchItems, int maxBatchBytes,
		Duration linger, int concurrency, Duration offerTimeout, Duration drainTimeout, int redeliveryAttempts,
		Duration redeliveryDelay) {

	/** The smallest byte capacity: two of the largest operations. */
	public static final long MIN_CAPACITY_BYTES = 2L * TrackLimits.MAX_OPERATION_BYTES;

	/** The smallest batch body limit: room for one operation of the largest size. */
	public static final int MIN_BATCH_BYTES = TrackLimits.MAX_OPERATION_BYTES + BatchBody.FRAME_BYTES;

	/** The largest batch body limit: just below Customer.io's 500 KB. */
	public static final int MAX_BATCH_BYTES = TrackLimits.MAX_BATCH_BYTES - 1;

	public DeliverySettings {
		requireAtLeast("capacity-items", capacityItems, 1);
		requireAtLeast("capacity-bytes", capacityBytes, MIN_CAPACITY_BYTES);
		requireAtLeast("max-batch-items", maxBatchItems, 1);
		requireAtLeast("max-batch-bytes", maxBatchBytes, MIN_BATCH_BYTES);
		if (maxBatchBytes > MAX_BATCH_BYTES) {
			throw new IllegalArgumentException(
					"delivery max-batch-bytes must be at most " + MAX_BATCH_BYTES + ", was " + maxBatchBytes);
		}
		requireAtLeast("concurrency", concurrency, 1);
		requireAtLeast("redelivery-attempts", redeliveryAttempts, 0);
		requireNotNegative("linger", linger);
		requireNotNegative("offer-timeout", offerTimeout);
		requireNotNegative("drain-timeout", drainTimeout);
		requireNotNegative("redelivery-delay", redeliveryDelay);
	}

	/**
	 * The defaults: 100,000 operations or 64 MB, batches of at most 1000 operations and 500,000 bytes, 200 ms
	 * linger, 8 requests in flight, no waiting in {@code offer}, 20 s to drain, 3 redeliveries 10 s apart.
	 */
	public static DeliverySettings defaults() {
		return new DeliverySettings(100_000, 64L * 1024 * 1024, 1000, MAX_BATCH_BYTES, Duration.ofMillis(200), 8,
				Duration.ZERO, Duration.ofSeconds(20), 3, Duration.ofSeconds(10));
	}

	private static void requireAtLeast(String property, long value, long min) {
		if (value < min) {
			throw new IllegalArgumentException(
					"delivery " + property + " must be at least " + min + ", was " + value);
		}
	}

	private static void requireNotNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException("delivery " + property + " must not be negative, was " + value);
		}
	}

}
