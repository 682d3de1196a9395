package io.github.ciospring.customerio.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryRejectedException.Reason;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.ciospring.customerio.track.TrackOperation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Admits operations into a queue's store, on the callers' threads: offers within the whole capacity (waiting up
 * to the offer timeout when allowed), bulk imports within half of it, nothing once closing. In memory the space is
 * reserved here and released when the operation settles; a durable store is bounded by its database instead.
 * Thread-safe: the counters are adders, the space is a lock-free {@link Capacity}.
 */
final class Admission {

	private final TrackClient client;

	private final DeliverySettings settings;

	private final Capacity capacity;

	private final DeliveryStore store;

	private final DrainLoop loop;

	private final Scheduler handlerScheduler;

	private final LongSupplier nanoClock;

	private final long offerTimeoutNanos;

	private final long bulkMaxItems;

	private final long bulkMaxBytes;

	final LongAdder accepted = new LongAdder();

	final LongAdder rejected = new LongAdder();

	private volatile boolean closing;

	Admission(TrackClient client, DeliverySettings settings, Capacity capacity, DeliveryStore store, DrainLoop loop,
			Scheduler handlerScheduler, LongSupplier nanoClock) {
		this.client = client;
		this.settings = settings;
		this.capacity = capacity;
		this.store = store;
		this.loop = loop;
		this.handlerScheduler = handlerScheduler;
		this.nanoClock = nanoClock;
		this.offerTimeoutNanos = settings.offerTimeout().toNanos();
		this.bulkMaxItems = Math.max(1, settings.capacityItems() / 2);
		this.bulkMaxBytes = Math.max(DeliverySettings.MIN_CAPACITY_BYTES / 2, settings.capacityBytes() / 2);
	}

	boolean isClosing() {
		return this.closing;
	}

	/** Closes admission; {@code true} for the first caller only. */
	synchronized boolean close() {
		if (this.closing) {
			return false;
		}
		this.closing = true;
		this.capacity.wakeAll();
		return true;
	}

	/** Encodes and admits an offered operation; its handle completes when it settles (or is stored). */
	CompletableFuture<DeliveryResult> offer(TrackOperation operation) {
		byte[] json = encode(operation);
		CompletableFuture<DeliveryResult> handle = new CompletableFuture<>();
		admit(new PendingOperation(operation, json, handle, null));
		return handle;
	}

	/** Delivers a stream: stored in JDBC batches by the outbox, or admitted as room frees in memory. */
	Mono<BulkSummary> deliverAll(Flux<TrackOperation> operations, Consumer<BulkProgress> progress) {
		if (this.store.isDurable()) {
			return new OutboxImport(this, this.store, progress, this.nanoClock).run(operations,
					this.settings.maxBatchItems());
		}
		return Mono.create((sink) -> {
			BulkDelivery bulk = new BulkDelivery(this, sink, progress, this.nanoClock);
			sink.onCancel(bulk::cancel);
			operations.subscribe(bulk);
		});
	}

	private byte[] encode(TrackOperation operation) {
		try {
			return this.client.encodeOperation(operation);
		}
		catch (RuntimeException ex) {
			this.rejected.increment();
			throw ex;
		}
	}

	/** Encodes an operation of a bulk import; the import counts a failure itself. */
	byte[] encodeForBulk(TrackOperation operation) {
		return this.client.encodeOperation(operation);
	}

	/** Admits an offered operation, or throws why not. */
	void admit(PendingOperation item) {
		int size = item.json.length;
		if (this.closing) {
			throw reject(Reason.SHUTTING_DOWN);
		}
		if (this.store.isDurable()) {
			try {
				this.store.add(item);
			}
			catch (RuntimeException ex) {
				this.rejected.increment();
				throw ex;
			}
			this.accepted.increment();
			return;
		}
		if (!this.capacity.tryReserve(size, this.settings.capacityItems(), this.settings.capacityBytes())
				&& !awaitRoom(size)) {
			throw reject(this.closing ? Reason.SHUTTING_DOWN : Reason.QUEUE_FULL);
		}
		if (this.closing) {
			this.capacity.release(1, size);
			throw reject(Reason.SHUTTING_DOWN);
		}
		this.accepted.increment();
		enqueue(item);
	}

	private boolean awaitRoom(int size) {
		if (this.offerTimeoutNanos == 0 || Schedulers.isInNonBlockingThread()) {
			return false;
		}
		return this.capacity.awaitReserve(size, this.settings.capacityItems(), this.settings.capacityBytes(),
				this.offerTimeoutNanos, () -> this.closing);
	}

	private DeliveryRejectedException reject(Reason reason) {
		this.rejected.increment();
		String message = (reason == Reason.SHUTTING_DOWN)
				? "Customer.io delivery queue is shutting down; the operation was not queued"
				: "Customer.io delivery queue is full (capacity " + this.settings.capacityItems() + " operations, "
						+ this.settings.capacityBytes() + " bytes); the operation was not queued";
		return new DeliveryRejectedException(reason, message);
	}

	private void enqueue(PendingOperation item) {
		this.store.add(item);
		this.loop.added();
	}

	/** Admits an operation of a bulk import within the bulk share of the capacity, without waiting. */
	Outcome admitFromBulk(PendingOperation item) {
		int size = item.json.length;
		if (this.closing) {
			return Outcome.CLOSED;
		}
		if (!this.capacity.tryReserve(size, this.bulkMaxItems, this.bulkMaxBytes)) {
			return Outcome.FULL;
		}
		if (this.closing) {
			this.capacity.release(1, size);
			return Outcome.CLOSED;
		}
		this.accepted.increment();
		enqueue(item);
		return Outcome.ACCEPTED;
	}

	/** Whether a bulk operation of that size would be admitted now (or refused for good, when closing). */
	boolean bulkHasRoom(int size) {
		return this.closing || this.capacity.hasRoom(size, this.bulkMaxItems, this.bulkMaxBytes);
	}

	/** Runs the task on the handler scheduler the next time space is released. */
	void onRelease(Runnable task) {
		this.capacity.onRelease(() -> {
			try {
				this.handlerScheduler.schedule(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		});
	}

	void bulkRejected() {
		this.rejected.increment();
	}

	/**
	 * An operation of a bulk import broke a limit or could not be written as JSON: counted as rejected, handed to
	 * the failure handler.
	 */
	void invalid(TrackOperation operation, RuntimeException ex) {
		this.rejected.increment();
		String field = (ex instanceof CustomerIoValidationException validation) ? validation.getField() : null;
		DeliveryFailure failure = new DeliveryFailure(operation, Kind.INVALID_OPERATION, 0, null, field,
				ex.getMessage());
		this.loop.sender().handOver(List.of(failure));
	}

	/** How a bulk import's operation was received. */
	enum Outcome {

		ACCEPTED, FULL, CLOSED

	}

}
