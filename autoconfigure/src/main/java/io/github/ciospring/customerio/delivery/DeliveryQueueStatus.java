package io.github.ciospring.customerio.delivery;

import java.time.Duration;

/**
 * The fill of one delivery queue, for health checks, the actuator endpoint and gauges. A queue that buffers
 * events before delivery exposes one of these (as a bean, when auto-configured) so health can report it full.
 */
public interface DeliveryQueueStatus {

	/** A short name of the queue, for example the API instance it delivers to ({@code track}). */
	String name();

	/** Events accepted and not yet delivered or handed to the failure handler. */
	int size();

	/** The most events the queue holds. */
	int capacity();

	/** Where accepted events wait: {@code memory}, or {@code jdbc} for the outbox. */
	default String store() {
		return "memory";
	}

	/** Events stored and not yet settled, by every instance sharing the store (the outbox depth). */
	default long depth() {
		return size();
	}

	/** How long the oldest stored event has waited. */
	default Duration oldestAge() {
		return Duration.ZERO;
	}

}
