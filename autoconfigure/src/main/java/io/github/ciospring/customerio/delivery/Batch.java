package io.github.ciospring.customerio.delivery;

import reactor.core.Disposable;

/**
 * One {@code /api/v2/batch} request: its operations in body order (so a {@code 207}'s {@code batch_index} names
 * one of them) and the body, built once and sent as the same bytes on every attempt and redelivery.
 */
final class Batch {

	final PendingOperation[] items;

	final int count;

	final byte[] body;

	/** Redeliveries so far; changed only between attempts. */
	volatile int redeliveries;

	/** The request in flight, cancelled if the drain deadline passes. */
	volatile Disposable request;

	Batch(PendingOperation[] items, int count, byte[] body) {
		this.items = items;
		this.count = count;
		this.body = body;
	}

}
