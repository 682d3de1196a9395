package io.github.ciospring.customerio.test.sandbox;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one API's requests as they are answered. Thread-safe.
 */
final class ApiRecorder {

	private final SandboxApi api;

	private final LongAdder requests = new LongAdder();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder unauthorized = new LongAdder();

	private final LongAdder invalid = new LongAdder();

	private final LongAdder rateLimited = new LongAdder();

	private final LongAdder notFound = new LongAdder();

	private final LongAdder acceptedItems = new LongAdder();

	private final LongAdder rejectedItems = new LongAdder();

	private final LongAdder droppedItems = new LongAdder();

	private final LongAdder eventIds = new LongAdder();

	private final LongAdder duplicateEventIds = new LongAdder();

	private final TimestampRing times;

	private final EventIdSet seenIds;

	ApiRecorder(SandboxApi api, int maxRecordedTimestamps, int maxTrackedEventIds) {
		this.api = api;
		this.times = new TimestampRing(maxRecordedTimestamps);
		this.seenIds = new EventIdSet(maxTrackedEventIds);
	}

	/** A request arrived at the given time and got the given status. */
	void request(long arrivalNanos, int status) {
		this.requests.increment();
		this.times.add(arrivalNanos);
		switch (status) {
			case 401 -> this.unauthorized.increment();
			case 400 -> this.invalid.increment();
			case 429 -> this.rateLimited.increment();
			case 404 -> this.notFound.increment();
			default -> {
				if (status >= 200 && status < 300) {
					this.accepted.increment();
				}
			}
		}
	}

	/** The items of an accepted request: how many were accepted, rejected, dropped, and the accepted ones' ids. */
	void items(int acceptedCount, int rejectedCount, int droppedCount, List<String> acceptedIds) {
		this.acceptedItems.add(acceptedCount);
		this.rejectedItems.add(rejectedCount);
		this.droppedItems.add(droppedCount);
		for (String id : acceptedIds) {
			this.eventIds.increment();
			if (this.seenIds.add(id) == EventIdSet.Outcome.DUPLICATE) {
				this.duplicateEventIds.increment();
			}
		}
	}

	ApiStats snapshot() {
		return new ApiStats(this.api, this.requests.sum(), this.accepted.sum(), this.unauthorized.sum(),
				this.invalid.sum(), this.rateLimited.sum(), this.notFound.sum(), this.acceptedItems.sum(),
				this.rejectedItems.sum(), this.droppedItems.sum(), this.eventIds.sum(), this.duplicateEventIds.sum());
	}

	RequestTimes times() {
		return this.times.snapshot();
	}

	void reset() {
		for (LongAdder adder : List.of(this.requests, this.accepted, this.unauthorized, this.invalid, this.rateLimited,
				this.notFound, this.acceptedItems, this.rejectedItems, this.droppedItems, this.eventIds,
				this.duplicateEventIds)) {
			adder.reset();
		}
		this.times.clear();
		this.seenIds.clear();
	}

}
