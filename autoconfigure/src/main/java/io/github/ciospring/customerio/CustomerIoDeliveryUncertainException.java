package io.github.ciospring.customerio;

/**
 * A message send (a transactional message or a broadcast trigger) failed in a way that does not tell whether
 * Customer.io received it: the request was written and then the response timed out, the connection broke, or
 * Customer.io answered with a 5xx. The message may or may not go out. Sends carry no idempotency key, so the
 * client does not repeat them on such failures by default; check the delivery log before sending again.
 * <p>
 * The {@linkplain #getCause() cause} is the last failure ({@link CustomerIoApiException} or
 * {@link CustomerIoTransportException}).
 */
public class CustomerIoDeliveryUncertainException extends CustomerIoException {

	public CustomerIoDeliveryUncertainException(String api, String operation, int attempts,
			CustomerIoException cause) {
		super(api, operation, attempts, describe(api, operation, cause), cause);
	}

	private static String describe(String api, String operation, CustomerIoException cause) {
		return "Customer.io " + api + " " + operation
				+ ": the message may or may not have been sent; sends have no idempotency key, so it was not"
				+ " repeated after a failure that came after the request was written. Check the delivery log"
				+ " before sending again. Last failure: " + cause.getMessage();
	}

	@Override
	public CustomerIoDeliveryUncertainException withAttempts(int attempts) {
		CustomerIoDeliveryUncertainException copy = new CustomerIoDeliveryUncertainException(getApi(), getOperation(),
				attempts, (CustomerIoException) getCause());
		copy.setStackTrace(getStackTrace());
		return copy;
	}

}
