package io.github.ciospring.customerio;

/**
 * No HTTP answer came back: the connection failed or the response timed out. {@link #isRequestSent()} tells
 * whether the request may have reached Customer.io; when it is {@code false} the connection was never
 * established, so the request surely did not arrive and is safe to send again.
 */
public class CustomerIoTransportException extends CustomerIoException {

	private final boolean requestSent;

	public CustomerIoTransportException(String api, String operation, int attempts, boolean requestSent,
			Throwable cause) {
		super(api, operation, attempts, describe(api, operation, requestSent, cause), cause);
		this.requestSent = requestSent;
	}

	private static String describe(String api, String operation, boolean requestSent, Throwable cause) {
		String what = (cause != null) ? cause.getClass().getSimpleName() : "transport error";
		return "Customer.io " + api + " " + operation + " got no response (" + what + "); the request "
				+ (requestSent ? "may have reached Customer.io" : "did not reach Customer.io");
	}

	/** Whether the request may have been written before the failure. */
	public boolean isRequestSent() {
		return this.requestSent;
	}

	@Override
	public CustomerIoTransportException withAttempts(int attempts) {
		CustomerIoTransportException copy = new CustomerIoTransportException(getApi(), getOperation(), attempts,
				this.requestSent, getCause());
		copy.setStackTrace(getStackTrace());
		return copy;
	}

}
