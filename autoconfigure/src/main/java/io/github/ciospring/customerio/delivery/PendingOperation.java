package io.github.ciospring.customerio.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.ciospring.customerio.track.TrackOperation;

/**
 * An accepted operation, encoded once, until it settles. It settles exactly once, whichever of a response, a
 * final failure or the drain deadline gets there first; only that one counts it and frees its space.
 */
final class PendingOperation {

	private static final AtomicIntegerFieldUpdater<PendingOperation> SETTLED = AtomicIntegerFieldUpdater
		.newUpdater(PendingOperation.class, "settled");

	/** The operation; {@code null} for a row read from an outbox, decoded from {@link #json} when needed. */
	private final TrackOperation operation;

	final byte[] json;

	/** The outbox row it was read from, or 0 for an operation held in memory. */
	final long rowId;

	/** The offer's completion handle, or {@code null} for an operation of a bulk import or an outbox row. */
	private final CompletableFuture<DeliveryResult> handle;

	/** The bulk import the operation belongs to, or {@code null} for an offered one. */
	private final BulkDelivery bulk;

	/** When it was queued, on the queue's clock; written before it is queued. */
	long enqueuedAt;

	private volatile int settled;

	PendingOperation(TrackOperation operation, byte[] json, CompletableFuture<DeliveryResult> handle,
			BulkDelivery bulk) {
		this(operation, json, 0, handle, bulk);
	}

	private PendingOperation(TrackOperation operation, byte[] json, long rowId,
			CompletableFuture<DeliveryResult> handle, BulkDelivery bulk) {
		this.operation = operation;
		this.json = json;
		this.rowId = rowId;
		this.handle = handle;
		this.bulk = bulk;
	}

	/** An operation read back from an outbox row: its bytes only, as they were stored. */
	static PendingOperation stored(long rowId, byte[] json) {
		return new PendingOperation(null, json, rowId, null, null);
	}

	/** The operation, decoded from its stored bytes when it was read from an outbox. */
	TrackOperation operation() {
		return (this.operation != null) ? this.operation : StoredOperation.decode(this.json);
	}

	/** Claims the right to settle this operation; {@code true} for the first caller only. */
	boolean settle() {
		return SETTLED.compareAndSet(this, 0, 1);
	}

	/** Tells whoever waits for this operation how it ended; call after a successful {@link #settle()}. */
	void complete(DeliveryResult result) {
		if (this.handle != null) {
			this.handle.complete(result);
		}
		if (this.bulk != null) {
			this.bulk.settled(result);
		}
	}

}
