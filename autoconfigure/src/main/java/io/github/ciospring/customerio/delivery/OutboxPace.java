package io.github.ciospring.customerio.delivery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When the outbox's drain loop claims a batch: when this instance committed a full batch's worth of rows, when
 * the first row committed since the last claim waited {@code linger} (as the memory store batches), when the last
 * claim came back full (more rows wait), or at the slow poll for rows of other instances and from before a
 * restart. Claiming per commit instead would run a claim, a request and a delete for every few rows, and that
 * work competes with the callers' inserts for the database and the cores.
 * <p>
 * Threads: {@link #committed(int, long)} on the callers' threads after their commit; the rest on the drain loop.
 */
final class OutboxPace {

	private final int maxBatchItems;

	private final long lingerNanos;

	private final long pollNanos;

	/** Rows committed by this instance since the last claim began. */
	private final AtomicLong committed = new AtomicLong();

	/** When the first of {@link #committed} was committed, on the queue's clock. */
	private volatile long firstCommittedAt;

	/** Set when the last claim came back full: more rows may be waiting. */
	private volatile boolean backlog = true;

	private volatile long nextPollAt;

	OutboxPace(DeliverySettings settings, long pollNanos, long now) {
		this.maxBatchItems = settings.maxBatchItems();
		this.lingerNanos = settings.linger().toNanos();
		this.pollNanos = pollNanos;
		this.nextPollAt = now;
	}

	/**
	 * Counts rows this instance committed.
	 * @return whether the drain loop should look now: the first rows since the last claim (their linger starts),
	 * or a full batch
	 */
	boolean committed(int rows, long now) {
		long before = this.committed.getAndAdd(rows);
		if (before == 0) {
			this.firstCommittedAt = now;
			return true;
		}
		return before < this.maxBatchItems && before + rows >= this.maxBatchItems;
	}

	boolean isFull() {
		return this.backlog || this.committed.get() >= this.maxBatchItems;
	}

	boolean isDue(long now) {
		return isFull() || now - this.nextPollAt >= 0
				|| (this.committed.get() > 0 && now - this.firstCommittedAt >= this.lingerNanos);
	}

	/** A claim begins: rows committed from now on wait for the next one. */
	void claiming(long now) {
		this.committed.set(0);
		this.backlog = false;
		this.nextPollAt = now + this.pollNanos;
	}

	/** The claim found {@code found} rows and kept those that fit one batch. */
	void claimed(int found, int kept) {
		this.backlog = found >= this.maxBatchItems || kept < found;
	}

	/** The claim failed: look again at the next poll. */
	void failed() {
		this.backlog = false;
	}

	/** Nanoseconds until a claim is due without a signal. */
	long delayNanos(long now) {
		if (isFull()) {
			return 0;
		}
		long delay = this.nextPollAt - now;
		if (this.committed.get() > 0) {
			delay = Math.min(delay, this.firstCommittedAt + this.lingerNanos - now);
		}
		return Math.max(0, delay);
	}

}
