package io.github.ciospring.customerio.delivery;

/**
 * A {@link TrackDeliveryQueue} refused an operation: it was not queued and will not be sent. Counted as
 * {@code customerio.delivery.events{outcome=rejected}}. Carries no operation data.
 */
public class DeliveryRejectedException extends RuntimeException {

	private final Reason reason;

	public DeliveryRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason getReason() {
		return this.reason;
	}

	/** Why an operation was refused. */
	public enum Reason {

		/** The queue held its capacity in operations or bytes, and no space freed up within the offer timeout. */
		QUEUE_FULL,

		/** The queue is shutting down and accepts nothing new. */
		SHUTTING_DOWN

	}

}
