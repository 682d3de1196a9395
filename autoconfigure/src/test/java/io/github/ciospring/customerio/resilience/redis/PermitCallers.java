package io.github.ciospring.customerio.resilience.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * Threads that take permits from a limiter as callers do: reserve, wait for the slot, reserve again. Each granted
 * slot is logged as a time on {@link System#nanoTime()} (the time the reservation was asked for plus the wait the
 * limiter gave), so rates and windows are measured on the schedule the limiter made, not on how fast the machine ran.
 */
final class PermitCallers {

	private final ConcurrentLinkedQueue<Long> slots = new ConcurrentLinkedQueue<>();

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Thread> threads = new ArrayList<>();

	/** Starts {@code count} callers on the limiter. */
	PermitCallers start(RateLimiter limiter, int count, String name) {
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> {
				while (this.running.get()) {
					long asked = System.nanoTime();
					long wait = limiter.reservePermission(1);
					if (wait < 0) {
						this.refused.incrementAndGet();
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
						continue;
					}
					long slot = asked + wait;
					this.slots.add(slot);
					for (long left = slot - System.nanoTime(); left > 0; left = slot - System.nanoTime()) {
						LockSupport.parkNanos(left);
					}
				}
			}, name + "-" + i);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
		return this;
	}

	void stop() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

	int refused() {
		return this.refused.get();
	}

	/** The granted slots so far, in order. */
	long[] slots() {
		long[] sorted = this.slots.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		return sorted;
	}

	/** All callers' slots together, in order. */
	static long[] merge(List<PermitCallers> callers) {
		long[] all = callers.stream().flatMapToLong((it) -> Arrays.stream(it.slots())).toArray();
		Arrays.sort(all);
		return all;
	}

	/** The slots within {@code [from, to)}. */
	static long[] between(long[] sorted, long from, long to) {
		return Arrays.stream(sorted).filter((slot) -> slot >= from && slot < to).toArray();
	}

	/** The largest number of slots in any window of the given length. */
	static int maxInWindow(long[] sorted, long windowNanos) {
		int max = 0;
		int start = 0;
		for (int end = 0; end < sorted.length; end++) {
			while (sorted[end] - sorted[start] >= windowNanos) {
				start++;
			}
			max = Math.max(max, end - start + 1);
		}
		return max;
	}

	/** Slots per second from the first to the last. */
	static double rate(long[] sorted) {
		if (sorted.length < 2) {
			return 0;
		}
		return (sorted.length - 1) * 1e9 / (sorted[sorted.length - 1] - sorted[0]);
	}

}
