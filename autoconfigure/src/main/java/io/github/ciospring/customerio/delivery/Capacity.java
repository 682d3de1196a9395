package io.github.ciospring.customerio.delivery;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The space a queue holds, in operations and bytes. Reserving and releasing are lock-free; only callers that
 * choose to wait for space take a lock, and releases touch it only while someone waits.
 */
final class Capacity {

	private final AtomicLong items = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition released = this.lock.newCondition();

	private volatile int waiters;

	private final Queue<Runnable> listeners = new ConcurrentLinkedQueue<>();

	long items() {
		return this.items.get();
	}

	long bytes() {
		return this.bytes.get();
	}

	/** Reserves one operation of {@code size} bytes if that stays within both limits. */
	boolean tryReserve(int size, long maxItems, long maxBytes) {
		long held;
		do {
			held = this.items.get();
			if (held >= maxItems) {
				return false;
			}
		}
		while (!this.items.compareAndSet(held, held + 1));
		long heldBytes;
		do {
			heldBytes = this.bytes.get();
			if (heldBytes + size > maxBytes) {
				// undo quietly: waking others here could make two failing reservers wake each other forever
				this.items.decrementAndGet();
				return false;
			}
		}
		while (!this.bytes.compareAndSet(heldBytes, heldBytes + size));
		return true;
	}

	/** Whether one operation of {@code size} bytes would fit now; reserves nothing. */
	boolean hasRoom(int size, long maxItems, long maxBytes) {
		return this.items.get() < maxItems && this.bytes.get() + size <= maxBytes;
	}

	/**
	 * Reserves, waiting up to the timeout for space to be released.
	 * @return whether the space was reserved; {@code false} on timeout, interrupt, or when {@code stop} says so
	 */
	boolean awaitReserve(int size, long maxItems, long maxBytes, long timeoutNanos, BooleanSupplier stop) {
		long remaining = timeoutNanos;
		this.lock.lock();
		try {
			this.waiters++;
			while (!stop.getAsBoolean()) {
				if (tryReserve(size, maxItems, maxBytes)) {
					return true;
				}
				if (remaining <= 0) {
					return false;
				}
				remaining = this.released.awaitNanos(remaining);
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.waiters--;
			this.lock.unlock();
		}
	}

	/** Runs the listener once, the next time space is released (or on {@link #wakeAll()}). */
	void onRelease(Runnable listener) {
		this.listeners.add(listener);
	}

	void release(long count, long size) {
		if (size != 0) {
			this.bytes.addAndGet(-size);
		}
		this.items.addAndGet(-count);
		wakeAll();
	}

	/** Wakes every waiter and listener, to look again. */
	void wakeAll() {
		if (this.waiters > 0) {
			this.lock.lock();
			try {
				this.released.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
		Runnable listener;
		while ((listener = this.listeners.poll()) != null) {
			listener.run();
		}
	}

}
