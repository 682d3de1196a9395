package io.github.ciospring.customerio.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batches this instance claimed from the outbox and has neither deleted nor released, with the end of each
 * claim's lease on the shared wall clock. A lease is renewed once half of it has passed, so a batch in flight
 * (retries, redeliveries and the delete after the answer included) is never taken by another claim while this
 * instance is alive; only a crashed instance's claims come back. Thread-safe: a concurrent map, touched by the
 * drain loop (claim, renew) and by whichever thread settles a batch.
 */
final class OutboxLeases {

	private final Clock clock;

	private final long leaseMillis;

	private final Map<Batch, Long> claimed = new ConcurrentHashMap<>();

	OutboxLeases(Clock clock, long leaseMillis) {
		this.clock = clock;
		this.leaseMillis = leaseMillis;
	}

	/** The end of a lease taken now. */
	long leaseFromNow() {
		return this.clock.millis() + this.leaseMillis;
	}

	/** A batch was claimed, or renewed, until the given time (the value written to its rows). */
	void held(Batch batch, long until) {
		this.claimed.put(batch, until);
	}

	/** The batch's rows were deleted or released. */
	void ended(Batch batch) {
		this.claimed.remove(batch);
	}

	/** The batch of these items settled; a batch is known here by its items. */
	void ended(PendingOperation[] items) {
		this.claimed.keySet().removeIf((batch) -> batch.items == items);
	}

	int size() {
		return this.claimed.size();
	}

	/** The batches whose lease is half gone. */
	List<Batch> dueForRenewal() {
		long now = this.clock.millis();
		List<Batch> due = new ArrayList<>();
		this.claimed.forEach((batch, until) -> {
			if (until - now <= this.leaseMillis / 2) {
				due.add(batch);
			}
		});
		return due;
	}

	/** Milliseconds until the next renewal is due; {@link Long#MAX_VALUE} when nothing is claimed. */
	long millisToNextRenewal() {
		long now = this.clock.millis();
		long next = Long.MAX_VALUE;
		for (long until : this.claimed.values()) {
			next = Math.min(next, Math.max(0, until - this.leaseMillis / 2 - now));
		}
		return next;
	}

}
