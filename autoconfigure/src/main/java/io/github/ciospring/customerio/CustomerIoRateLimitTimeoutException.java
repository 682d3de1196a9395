package io.github.ciospring.customerio;

import java.time.Duration;

/**
 * The client's own rate limiter could not grant a permit within its configured wait, so nothing was sent.
 */
public class CustomerIoRateLimitTimeoutException extends CustomerIoException {

	private final Duration maxWait;

	public CustomerIoRateLimitTimeoutException(String api, String operation, int attempts, Duration maxWait,
			Throwable cause) {
		super(api, operation, attempts, "Customer.io " + api + " " + operation
				+ ": no rate-limit permit within the configured max-wait of " + maxWait + "; nothing was sent", cause);
		this.maxWait = maxWait;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	@Override
	public CustomerIoRateLimitTimeoutException withAttempts(int attempts) {
		CustomerIoRateLimitTimeoutException copy = new CustomerIoRateLimitTimeoutException(getApi(), getOperation(),
				attempts, this.maxWait, getCause());
		copy.setStackTrace(getStackTrace());
		return copy;
	}

}
