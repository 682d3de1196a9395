package io.github.ciospring.customerio.autoconfigure.delivery;

import java.time.Duration;

import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.delivery.JdbcDeliveryStore;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;

/**
 * A {@link TrackDeliveryQueue}'s fill as a {@link DeliveryQueueStatus}, named {@code track}: operations held
 * (queued, in flight or awaiting redelivery) against {@code capacity-items}.
 */
final class TrackDeliveryQueueStatus implements DeliveryQueueStatus {

	private final TrackDeliveryQueue queue;

	TrackDeliveryQueueStatus(TrackDeliveryQueue queue) {
		this.queue = queue;
	}

	@Override
	public String name() {
		return "track";
	}

	@Override
	public int size() {
		return (int) Math.min(Integer.MAX_VALUE, this.queue.stats().pending());
	}

	@Override
	public int capacity() {
		return this.queue.settings().capacityItems();
	}

	@Override
	public String store() {
		return (this.queue.store() instanceof JdbcDeliveryStore) ? "jdbc" : "memory";
	}

	@Override
	public long depth() {
		return this.queue.store().depth();
	}

	@Override
	public Duration oldestAge() {
		return this.queue.store().oldestAge();
	}

}
