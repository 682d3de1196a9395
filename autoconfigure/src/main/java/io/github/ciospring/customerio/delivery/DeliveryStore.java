package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;

/**
 * Where a {@link TrackDeliveryQueue} holds accepted operations until they settle: in memory (the default,
 * bounded by the queue's capacity, lost on a crash) or in a table of the application's database
 * ({@link JdbcDeliveryStore}, the outbox). A store belongs to one queue.
 * <p>
 * Threads: {@code add} runs on the callers' threads; {@code isBatchDue}, {@code take}, {@code delayNanos} and
 * {@code removeAll} on the queue's drain loop only (one pass at a time); {@code settled}, {@code renew} and
 * {@code release} on whichever thread settles a batch.
 */
public abstract sealed class DeliveryStore permits MemoryDeliveryStore, JdbcDeliveryStore {

	DeliveryStore() {
	}

	/** Operations stored and not yet settled, in every instance sharing the store. */
	public abstract long depth();

	/** How long the oldest stored operation has waited; {@link Duration#ZERO} when none waits. */
	public abstract Duration oldestAge();

	/** Whether what the store holds survives a restart: then nothing is failed at shutdown. */
	abstract boolean isDurable();

	/** Joins the queue that uses the store; once. */
	abstract void attach(DeliverySettings settings, DrainLoop loop);

	/** Holds an admitted operation; caller threads. */
	abstract void add(PendingOperation item);

	/** Holds encoded operations of an import at once (a durable store only); caller threads. */
	abstract void addAll(List<byte[]> operations);

	/** Whether a batch that could be taken now is full, so a free request slot should take it at once. */
	boolean isFull() {
		return false;
	}

	/** Whether a batch should be taken now: full, lingered long enough, or closing. Drain loop only. */
	abstract boolean isBatchDue(long now, boolean closing);

	/** The next batch to send, or {@code null} when none. Drain loop only. */
	abstract Batch take();

	/**
	 * When the drain loop should look again without a signal, in nanoseconds from {@code now}; negative when
	 * only a signal can bring work.
	 */
	abstract long delayNanos(long now);

	/** When housekeeping ({@link #maintain()}) is next due, in nanoseconds; negative when never. */
	long maintenanceDelayNanos() {
		return -1;
	}

	/** Housekeeping on each pass of the drain loop (the outbox renews the claims of batches in flight). */
	void maintain() {
	}

	/** Takes everything still queued in memory, at the drain deadline. Drain loop only. */
	List<PendingOperation> removeAll() {
		return List.of();
	}

	/** The batch's operations settled (delivered, or failed and handed to the failure handler). */
	abstract void settled(PendingOperation[] items, int count);

	/** The batch will be sent again: keep it claimed. */
	void renew(Batch batch) {
	}

	/** The batch was not settled and will not be sent by this instance: let others take it. */
	void release(Batch batch) {
	}

}
