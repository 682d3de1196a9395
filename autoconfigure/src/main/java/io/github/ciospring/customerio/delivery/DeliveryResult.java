package io.github.ciospring.customerio.delivery;

/**
 * How one offered operation ended: delivered (Customer.io accepted it) or failed, with the
 * {@link DeliveryFailure} that says why. A failed operation has also been handed to the
 * {@link DeliveryFailureHandler}.
 *
 * @param status delivered or failed
 * @param failure why it failed; {@code null} when delivered
 */
public record DeliveryResult(Status status, DeliveryFailure failure) {

	private static final DeliveryResult DELIVERED = new DeliveryResult(Status.DELIVERED, null);

	public DeliveryResult {
		if ((status == Status.FAILED) != (failure != null)) {
			throw new IllegalArgumentException("a failed result needs a failure, a delivered one none");
		}
	}

	/** The result of every delivered operation. */
	public static DeliveryResult delivered() {
		return DELIVERED;
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
		FAILED

	}

}
