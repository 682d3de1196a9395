package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import reactor.util.concurrent.Queues;

/**
 * The default store: a lock-free queue in memory. Offers add from any thread; only the drain loop takes, so the
 * {@link #carried} operation (taken but not fitting the last batch) is the drain loop's alone. Its space is the
 * queue's {@link Capacity}, reserved on admission and released when an operation settles.
 */
final class MemoryDeliveryStore extends DeliveryStore {

	private final DeliverySettings settings;

	private final LongSupplier nanoClock;

	private final long lingerNanos;

	private final Queue<PendingOperation> queue = Queues.<PendingOperation>unboundedMultiproducer().get();

	/** Queued operations not yet packed into a batch (the carried one included). */
	private final AtomicLong queuedItems = new AtomicLong();

	private final AtomicLong queuedBytes = new AtomicLong();

	/** An operation taken from the queue that did not fit the last batch; written by the drain loop only. */
	private volatile PendingOperation carried;

	MemoryDeliveryStore(DeliverySettings settings, LongSupplier nanoClock) {
		this.settings = settings;
		this.nanoClock = nanoClock;
		this.lingerNanos = settings.linger().toNanos();
	}

	@Override
	public long depth() {
		return this.queuedItems.get();
	}

	@Override
	public Duration oldestAge() {
		PendingOperation head = head();
		return (head != null) ? Duration.ofNanos(Math.max(0, this.nanoClock.getAsLong() - head.enqueuedAt))
				: Duration.ZERO;
	}

	@Override
	boolean isDurable() {
		return false;
	}

	@Override
	void attach(DeliverySettings settings, DrainLoop loop) {
		// built by its queue, with the queue's settings
	}

	@Override
	void addAll(List<byte[]> operations) {
		throw new UnsupportedOperationException("imports into memory are admitted one operation at a time");
	}

	@Override
	void add(PendingOperation item) {
		item.enqueuedAt = this.nanoClock.getAsLong();
		this.queue.offer(item);
		this.queuedBytes.addAndGet(item.json.length);
		this.queuedItems.incrementAndGet();
	}

	@Override
	boolean isFull() {
		long items = this.queuedItems.get();
		return items >= this.settings.maxBatchItems()
				|| BatchBody.size(items, this.queuedBytes.get()) >= this.settings.maxBatchBytes();
	}

	private PendingOperation head() {
		return (this.carried != null) ? this.carried : this.queue.peek();
	}

	@Override
	boolean isBatchDue(long now, boolean closing) {
		PendingOperation head = head();
		if (head == null) {
			return false;
		}
		return closing || isFull() || now - head.enqueuedAt >= this.lingerNanos;
	}

	@Override
	Batch take() {
		int capacity = (int) Math.min(this.settings.maxBatchItems(), Math.max(1, this.queuedItems.get()));
		PendingOperation[] items = new PendingOperation[capacity];
		int count = 0;
		long size = BatchBody.size(0, 0) - 1; // each operation adds its bytes and a comma, the first none
		long bytes = 0;
		PendingOperation next = this.carried;
		if (next != null) {
			this.carried = null;
		}
		else {
			next = this.queue.poll();
		}
		while (next != null) {
			if (count > 0 && size + next.json.length + 1 > this.settings.maxBatchBytes()) {
				this.carried = next;
				break;
			}
			items[count++] = next;
			size += next.json.length + 1;
			bytes += next.json.length;
			next = (count < capacity) ? this.queue.poll() : null;
		}
		if (count == 0) {
			return null;
		}
		this.queuedItems.addAndGet(-count);
		this.queuedBytes.addAndGet(-bytes);
		return new Batch(items, count, BatchBody.encode(items, count));
	}

	@Override
	long delayNanos(long now) {
		PendingOperation head = head();
		return (head != null) ? Math.max(0, head.enqueuedAt + this.lingerNanos - now) : -1;
	}

	@Override
	List<PendingOperation> removeAll() {
		List<PendingOperation> queued = new ArrayList<>();
		if (this.carried != null) {
			queued.add(this.carried);
			this.carried = null;
		}
		PendingOperation item;
		while ((item = this.queue.poll()) != null) {
			queued.add(item);
		}
		long bytes = 0;
		for (PendingOperation each : queued) {
			bytes += each.json.length;
		}
		this.queuedItems.addAndGet(-queued.size());
		this.queuedBytes.addAndGet(-bytes);
		return queued;
	}

	@Override
	void settled(PendingOperation[] items, int count) {
		// the space was released by the sender as it counted them
	}

}
