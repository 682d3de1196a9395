package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The drain loop: takes batches from the store and hands them to the {@link BatchSender}, at most
 * {@code concurrency} in flight, and ends the shutdown. Anyone may {@link #signal()}; the passes run on the
 * queue's scheduler one at a time (a work-in-progress counter serializes them), so the store's taking side and
 * the timers are touched by one thread at a time.
 */
final class DrainLoop {

	private static final Log logger = LogFactory.getLog(DrainLoop.class);

	private final DeliveryStore store;

	private final BatchSender sender;

	private final Scheduler scheduler;

	private final LongSupplier nanoClock;

	private final DeliverySettings settings;

	private final Capacity capacity;

	private final Queue<Batch> dueRedeliveries = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	/** Set by the loop when it will run again without an offer's help. */
	private volatile boolean wakeupPending;

	private volatile boolean timerArmed;

	/** When the armed timer fires, on the queue's clock; an earlier wakeup arms another. */
	private volatile long timerDueAt;

	private volatile boolean closing;

	private volatile boolean deadlinePassed;

	private volatile Disposable deadlineTimer;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	DrainLoop(TrackDeliveryQueue.Builder builder, DeliveryStore store, Capacity capacity, Scheduler scheduler) {
		this.store = store;
		this.capacity = capacity;
		this.scheduler = scheduler;
		this.nanoClock = builder.nanoClock;
		this.settings = builder.settings;
		this.sender = new BatchSender(builder.client, builder.settings, builder.failureHandler,
				builder.handlerScheduler, capacity, store, this);
	}

	BatchSender sender() {
		return this.sender;
	}

	boolean isDeadlinePassed() {
		return this.deadlinePassed;
	}

	/** An operation was added to the store: run unless a wakeup is pending and no free slot can take a batch. */
	void added() {
		if (!this.wakeupPending || (this.sender.inFlight() < this.settings.concurrency() && this.store.isFull())) {
			signal();
		}
	}

	/** Sends the batch again after the redelivery delay, its claim renewed. */
	void redeliverLater(Batch batch) {
		scheduleOrRun(() -> {
			try {
				this.store.renew(batch);
			}
			catch (RuntimeException ex) {
				logger.warn("Customer.io outbox claim could not be renewed before a redelivery: " + ex);
			}
			this.dueRedeliveries.add(batch);
			signal();
		}, this.settings.redeliveryDelay().toNanos());
	}

	long now() {
		return this.nanoClock.getAsLong();
	}

	/** Begins the shutdown (once): stops taking new work at the deadline. */
	CompletableFuture<Void> close(Duration drainTimeout, boolean first) {
		if (first) {
			this.closing = true;
			this.deadlineTimer = scheduleOrRun(() -> {
				this.deadlinePassed = true;
				signal();
			}, drainTimeout.toNanos());
			signal();
		}
		return this.terminated.copy();
	}

	void signal() {
		if (this.wip.getAndIncrement() == 0) {
			try {
				this.scheduler.schedule(this::drain);
			}
			catch (RejectedExecutionException ex) {
				drain();
			}
		}
	}

	private void drain() {
		int missed = 1;
		do {
			try {
				drainOnce();
			}
			catch (RuntimeException ex) {
				logger.error("Customer.io delivery loop failed; it runs again on the next signal or timer", ex);
				scheduleWakeup(this.nanoClock.getAsLong());
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void drainOnce() {
		if (this.deadlinePassed) {
			failEverythingHeld();
		}
		else {
			this.store.maintain();
			long now = this.nanoClock.getAsLong();
			while (true) {
				// in memory a redelivery needs a free slot; in the outbox it kept its slot while it waited
				Batch redelivery = (this.store.isDurable() || this.sender.inFlight() < this.settings.concurrency())
						? this.dueRedeliveries.poll() : null;
				if (redelivery != null) {
					this.sender.resend(redelivery);
					continue;
				}
				if (this.sender.inFlight() >= this.settings.concurrency() || !this.store.isBatchDue(now, this.closing)) {
					break;
				}
				// a pass of several claims can outlast half a lease: renew before each one
				this.store.maintain();
				Batch batch = this.store.take();
				if (batch == null) {
					break;
				}
				this.sender.send(batch);
			}
			scheduleWakeup(now);
		}
		// in memory, admitted operations hold space from admission on, before the store has them
		boolean empty = this.store.isDurable() ? this.sender.isIdle()
				: this.capacity.items() == 0 && this.sender.isHandlerIdle();
		if (this.closing && empty) {
			terminate();
		}
	}

	/** Makes sure the loop runs again for what stays held: a timer, or a response freeing a slot. */
	private void scheduleWakeup(long now) {
		long delay = this.store.delayNanos(now);
		if (delay < 0) {
			this.wakeupPending = false;
			// an offer that saw the old flag may have added meanwhile
			delay = this.store.delayNanos(now);
			if (delay < 0) {
				return;
			}
		}
		this.wakeupPending = true;
		if (this.sender.inFlight() >= this.settings.concurrency()) {
			// a freed slot brings the loop back; meanwhile only the outbox's leases need a timer (a claim that
			// is due cannot run, and waiting for it would spin)
			delay = this.store.maintenanceDelayNanos();
			if (delay < 0) {
				return;
			}
		}
		long due = now + delay;
		if (this.timerArmed && due - this.timerDueAt >= 0) {
			return;
		}
		this.timerArmed = true;
		this.timerDueAt = due;
		try {
			this.scheduler.schedule(() -> {
				if (this.timerDueAt == due) {
					this.timerArmed = false;
				}
				signal();
			}, delay, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed: the deadline has failed or will fail whatever is still queued
			this.timerArmed = false;
		}
	}

	private Disposable scheduleOrRun(Runnable task, long delayNanos) {
		try {
			return this.scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			task.run();
			return () -> {
			};
		}
	}

	/**
	 * At the drain deadline: fails everything held in memory, cancelling requests in flight; a durable store
	 * keeps its rows for the next start.
	 */
	private void failEverythingHeld() {
		List<PendingOperation> queued = this.store.removeAll();
		if (!queued.isEmpty()) {
			this.sender.settle(queued.toArray(new PendingOperation[0]), queued.size(),
					(each) -> drainTimeout(each, "was still queued"));
		}
		this.dueRedeliveries.clear();
		this.sender.abandonOutstanding();
	}

	static DeliveryFailure drainTimeout(PendingOperation item, String where) {
		return new DeliveryFailure(item.operation(), Kind.DRAIN_TIMEOUT, 0, null, null,
				"not delivered before the shutdown's drain deadline: it " + where);
	}

	private void terminate() {
		if (this.terminated.isDone()) {
			return;
		}
		Disposable timer = this.deadlineTimer;
		if (timer != null) {
			timer.dispose();
		}
		logSummary();
		this.terminated.complete(null);
	}

	/** One line at the end: every operation handed to the failure handler, by kind, or what the outbox keeps. */
	private void logSummary() {
		Map<Kind, Long> failures = this.sender.handedOver();
		long total = failures.values().stream().mapToLong(Long::longValue).sum();
		String kept = this.store.isDurable()
				? "; undelivered operations stay in the outbox for the next start or another instance" : "";
		if (total > 0) {
			logger.warn("Customer.io delivery queue shut down: " + total
					+ " operations were handed to the failure handler in all " + failures + kept);
		}
		else {
			logger.info("Customer.io delivery queue shut down: no operation was handed to the failure handler" + kept);
		}
	}

}
