package io.github.ciospring.customerio.delivery;

import io.github.ciospring.customerio.track.TrackOperation;

/**
 * An operation that was not delivered and will not be tried again, and why. Sending the same
 * {@link TrackOperation} again later is safe: it encodes to the same JSON, with the same ULID {@code id} for
 * events, and Customer.io drops repeated event ids. {@link #toString()} leaves out the operation's identifiers
 * and attributes, and Customer.io's free-text message, which may quote values.
 *
 * @param operation the operation
 * @param kind why, in one word
 * @param statusCode the HTTP status of the answer that settled it (207 for an item Customer.io rejected); 0 when
 * no answer came
 * @param reason Customer.io's reason code for a rejected item, else {@code null}
 * @param field the field Customer.io found at fault, if it named one
 * @param message a description: Customer.io's message, or the last error seen
 */
public record DeliveryFailure(TrackOperation operation, Kind kind, int statusCode, String reason, String field,
		String message) {

	@Override
	public String toString() {
		return "DeliveryFailure[kind=" + this.kind + ", action=" + this.operation.action()
				+ ((this.operation.id() != null) ? ", id=" + this.operation.id() : "") + ", statusCode="
				+ this.statusCode + ", reason=" + this.reason + ", field=" + this.field + "]";
	}

	/** Why an operation finally failed. */
	public enum Kind {

		/** Customer.io rejected this item of a batch ({@code 207}); the others were accepted. */
		ITEM_REJECTED,

		/** Customer.io refused the whole request with a status that retrying cannot change (400, 401, 403...). */
		REQUEST_REJECTED,

		/** Transient failures outlasted the client's retries and the queue's redeliveries. */
		RETRIES_EXHAUSTED,

		/**
		 * Still held when the shutdown's drain deadline passed. If it was in flight it may have reached
		 * Customer.io.
		 */
		DRAIN_TIMEOUT,

		/** Broke a documented limit (for example 32 KB per operation) and was never queued; bulk imports only. */
		INVALID_OPERATION

	}

}
