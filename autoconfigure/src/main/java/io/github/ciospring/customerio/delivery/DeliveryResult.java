package io.github.ciospring.customerio.delivery;

/**
 * How one offered operation ended: delivered (Customer.io accepted it) or failed, with the
 * {@link DeliveryFailure} that says why. A failed operation has also been handed to the
 * {@link DeliveryFailureHandler}. With the outbox an offer ends when its transaction does: stored, or discarded
 * by a rollback.
 *
 * @param status delivered, failed, stored (outbox) or discarded (rolled back)
 * @param failure why it failed; {@code null} when delivered
 */
public record DeliveryResult(Status status, DeliveryFailure failure) {

	private static final DeliveryResult DELIVERED = new DeliveryResult(Status.DELIVERED, null);

	private static final DeliveryResult STORED = new DeliveryResult(Status.STORED, null);

	private static final DeliveryResult DISCARDED = new DeliveryResult(Status.DISCARDED, null);

	public DeliveryResult {
		if ((status == Status.FAILED) != (failure != null)) {
			throw new IllegalArgumentException("a failed result needs a failure, a delivered one none");
		}
	}

	/** The result of every delivered operation. */
	public static DeliveryResult delivered() {
		return DELIVERED;
	}

	/** The result of an operation committed to a durable store (the outbox), to be delivered from there. */
	public static DeliveryResult stored() {
		return STORED;
	}

	/** The result of an operation offered in a transaction that rolled back: it never existed. */
	public static DeliveryResult discarded() {
		return DISCARDED;
	}

	public static DeliveryResult failed(DeliveryFailure failure) {
		return new DeliveryResult(Status.FAILED, failure);
	}

	public boolean isDelivered() {
		return this.status == Status.DELIVERED;
	}

	/** How an operation ended. */
	public enum Status {

		/** Customer.io accepted the operation. */
		DELIVERED,

		/** The operation was not delivered and will not be tried again. */
		FAILED,

		/**
		 * The operation is committed to the outbox ({@code customerio.delivery.store=jdbc}); this or another
		 * instance delivers it, and a failure goes to that instance's failure handler.
		 */
		STORED,

		/** The operation was offered in a transaction that rolled back, so it was never stored or sent. */
		DISCARDED

	}

}
