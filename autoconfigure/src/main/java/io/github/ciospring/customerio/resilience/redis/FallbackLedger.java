package io.github.ciospring.customerio.resilience.redis;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The slots of the permits an instance took on its local fallback, so that the shared budget in Redis can be told of
 * them when the instance comes back: every one of the last minute when Redis kept its state through the outage (only
 * this instance was cut off, while the others went on taking the full rate from Redis), else (Redis lost it, and the
 * whole fleet was on its shares) those of the last second and those still ahead.
 */
final class FallbackLedger {

	/** How far back permits taken on the fallback are owed when only this instance was cut off. */
	static final long HORIZON_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	/** Slots (local clock) of the permits taken on the fallback, the last minute's; guarded by itself. */
	private final ArrayDeque<Long> slots = new ArrayDeque<>();

	/**
	 * Notes permits granted on the fallback, and forgets those older than {@link #HORIZON_NANOS}.
	 * @param now the local clock when they were reserved
	 * @param slot when they are due (local clock)
	 * @param permits how many
	 */
	void record(long now, long slot, int permits) {
		synchronized (this.slots) {
			for (int i = 0; i < permits; i++) {
				this.slots.addLast(slot);
			}
			while (this.slots.size() > permits && this.slots.peekFirst() < now - HORIZON_NANOS) {
				this.slots.removeFirst();
			}
		}
	}

	/**
	 * The permits Redis must be told of.
	 * @param sameState whether Redis kept its state through the outage (it answers with the epoch seen before)
	 * @param now the local clock
	 */
	int owed(boolean sameState, long now) {
		long from = sameState ? now - HORIZON_NANOS : now - NANOS_PER_SECOND;
		synchronized (this.slots) {
			return (int) this.slots.stream().filter((slot) -> slot >= from).count();
		}
	}

	/** Forgets every permit: at the start of an outage, and once Redis has been told of them. */
	void clear() {
		synchronized (this.slots) {
			this.slots.clear();
		}
	}

}
