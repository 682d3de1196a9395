package io.github.ciospring.customerio.autoconfigure.actuate;

import java.time.Duration;

import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;

/** A delivery queue's status with fixed figures, for health and endpoint tests. */
public record QueueStatusStub(String name, int size, int capacity, String store, long depth,
		Duration oldestAge) implements DeliveryQueueStatus {

	/** A queue on the in-memory store, as the status's defaults describe it. */
	public static QueueStatusStub inMemory(String name, int size, int capacity) {
		return new QueueStatusStub(name, size, capacity, "memory", size, Duration.ZERO);
	}

}
