package io.github.ciospring.sample.importer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.ciospring.customerio.http.CustomerIoMeters;

/**
 * Reads the Track API's HTTP attempts and 429 answers from the starter's meters ({@code customerio.requests} and
 * {@code customerio.rate.limited}, tag {@code api=track}), as the client saw them.
 */
final class TrackTraffic {

	private final MeterRegistry registry;

	TrackTraffic(MeterRegistry registry) {
		this.registry = registry;
	}

	/** HTTP attempts to the Track API so far, retries included. */
	long attempts() {
		return (long) this.registry.find(CustomerIoMeters.REQUESTS)
			.tag("api", "track")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	/** Track API attempts answered 429 so far. */
	long rateLimited() {
		return (long) this.registry.find(CustomerIoMeters.RATE_LIMITED)
			.tag("api", "track")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
