package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The fill of the delivery queues ({@code customerio/delivery}). A queue over its threshold is backpressure the
 * queue already handles (it refuses or waits), so by default it is a detail ({@code overThreshold}) under
 * {@code UP}; with {@code customerio.health.queue-backpressure-out-of-service=true} it makes this
 * {@code OUT_OF_SERVICE}, for those who want readiness to follow backpressure.
 */
public class CustomerIoDeliveryQueueHealthIndicator implements HealthIndicator {

	private final ObjectProvider<DeliveryQueueStatus> queues;

	private final double fillThreshold;

	private final boolean backpressureOutOfService;

	CustomerIoDeliveryQueueHealthIndicator(ObjectProvider<DeliveryQueueStatus> queues, double fillThreshold,
			boolean backpressureOutOfService) {
		this.queues = queues;
		this.fillThreshold = fillThreshold;
		this.backpressureOutOfService = backpressureOutOfService;
	}

	@Override
	public Health health() {
		List<DeliveryQueueStatus> all = this.queues.orderedStream().toList();
		Map<String, Object> details = new TreeMap<>();
		boolean over = false;
		for (DeliveryQueueStatus queue : all) {
			int size = queue.size();
			int capacity = queue.capacity();
			boolean queueOver = capacity > 0 && (double) size / capacity >= this.fillThreshold;
			over |= queueOver;
			Map<String, Object> queueDetails = new LinkedHashMap<>();
			queueDetails.put("size", size);
			queueDetails.put("capacity", capacity);
			queueDetails.put("fillThreshold", this.fillThreshold);
			queueDetails.put("overThreshold", queueOver);
			queueDetails.put("store", queue.store());
			if (!"memory".equals(queue.store())) {
				// an outbox's depth counts every instance's rows; in memory it is the size above
				queueDetails.put("depth", queue.depth());
				queueDetails.put("oldestAge", queue.oldestAge().toString());
			}
			details.put(queue.name(), queueDetails);
		}
		Status status = (over && this.backpressureOutOfService) ? Status.OUT_OF_SERVICE : Status.UP;
		return Health.status(status).withDetails(details).build();
	}

}
