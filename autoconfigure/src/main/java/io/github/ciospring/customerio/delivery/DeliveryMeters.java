package io.github.ciospring.customerio.delivery;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A {@link TrackDeliveryQueue}'s meters, read from its counters when scraped (nothing is recorded per
 * operation):
 * <ul>
 * <li>{@code customerio.delivery.queue.size}, {@code customerio.delivery.queue.capacity}: operations held and
 * the limit</li>
 * <li>{@code customerio.delivery.queue.bytes}, {@code customerio.delivery.queue.capacity.bytes}: bytes held and
 * the limit</li>
 * <li>{@code customerio.delivery.events} (outcome = delivered, failed, rejected): how operations ended;
 * rejected ones were never queued</li>
 * <li>{@code customerio.delivery.accepted}: operations queued; always
 * {@code accepted = events{delivered} + events{failed} + queue.size}</li>
 * <li>{@code customerio.delivery.requests}: batch requests sent; {@code customerio.delivery.redeliveries}: of
 * which batches sent again after the client's retries gave up</li>
 * <li>with the outbox ({@link JdbcDeliveryStore}): {@code customerio.delivery.outbox.depth}, rows stored by every
 * instance and not yet settled, and {@code customerio.delivery.outbox.oldest.age}, the oldest row's age in
 * seconds; both measured by the drain loop at most once a poll interval, so a scrape never queries the
 * database</li>
 * </ul>
 */
final class DeliveryMeters implements MeterBinder {

	private final TrackDeliveryQueue queue;

	DeliveryMeters(TrackDeliveryQueue queue) {
		this.queue = queue;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		DeliverySettings settings = this.queue.settings();
		gauge(registry, "customerio.delivery.queue.size", "Operations held: queued, in flight or awaiting redelivery",
				null, (queue) -> queue.stats().pending());
		gauge(registry, "customerio.delivery.queue.capacity", "Most operations held at once", null,
				(queue) -> settings.capacityItems());
		gauge(registry, "customerio.delivery.queue.bytes", "Bytes of operation JSON held", "bytes",
				(queue) -> queue.stats().pendingBytes());
		gauge(registry, "customerio.delivery.queue.capacity.bytes", "Most bytes of operation JSON held at once",
				"bytes", (queue) -> settings.capacityBytes());
		FunctionCounter.builder("customerio.delivery.accepted", this.queue, (queue) -> queue.stats().accepted())
			.description("Operations queued: delivered + failed + queue size")
			.register(registry);
		events(registry, "delivered", (queue) -> queue.stats().delivered());
		events(registry, "failed", (queue) -> queue.stats().failed());
		events(registry, "rejected", (queue) -> queue.stats().rejected());
		FunctionCounter.builder("customerio.delivery.requests", this.queue, (queue) -> queue.stats().requests())
			.description("Batch requests sent, redeliveries included, each counted once however many attempts")
			.register(registry);
		FunctionCounter
			.builder("customerio.delivery.redeliveries", this.queue, (queue) -> queue.stats().redeliveries())
			.description("Batches sent again after the client's retries gave up")
			.register(registry);
		if (this.queue.store().isDurable()) {
			gauge(registry, "customerio.delivery.outbox.depth", "Operations stored in the outbox, by every instance",
					null, (queue) -> queue.store().depth());
			gauge(registry, "customerio.delivery.outbox.oldest.age", "Age of the oldest operation in the outbox",
					"seconds", (queue) -> queue.store().oldestAge().toMillis() / 1000.0);
		}
	}

	private void gauge(MeterRegistry registry, String name, String description, String unit,
			ToDoubleFunction<TrackDeliveryQueue> value) {
		Gauge.builder(name, this.queue, value).description(description).baseUnit(unit)
			.register(registry);
	}

	private void events(MeterRegistry registry, String outcome, ToDoubleFunction<TrackDeliveryQueue> value) {
		FunctionCounter.builder("customerio.delivery.events", this.queue, value)
			.description("Operations by outcome; rejected ones were never queued")
			.tag("outcome", outcome)
			.register(registry);
	}

}
