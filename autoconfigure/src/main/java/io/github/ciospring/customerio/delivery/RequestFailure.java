package io.github.ciospring.customerio.delivery;

import io.github.ciospring.customerio.CustomerIoException;
import io.github.ciospring.customerio.CustomerIoRateLimitTimeoutException;
import io.github.ciospring.customerio.resilience.RetryOn;

/**
 * What a failed batch request means for its operations, in the client's own terms: "transient" is exactly what
 * the Track client retries ({@link RetryOn#TRANSIENT_FAILURES}), plus no rate-limit permit in time (nothing was
 * sent).
 */
enum RequestFailure {

	/** Sending the same body again later may succeed: 408, 429, 5xx, no answer, no permit in time. */
	TRANSIENT,

	/**
	 * Customer.io answered 2xx and only reading its answer failed: the batch was accepted. The client raises a
	 * plain {@link CustomerIoException} only once a 2xx status arrived (other statuses are API exceptions,
	 * failures before an answer are transport exceptions).
	 */
	ACCEPTED,

	/** A refusal that sending again cannot change: 400, 401, 403, an invalid body. */
	PERMANENT;

	static RequestFailure of(Throwable error) {
		if (RetryOn.TRANSIENT_FAILURES.test(error) || error instanceof CustomerIoRateLimitTimeoutException) {
			return TRANSIENT;
		}
		if (error.getClass() == CustomerIoException.class) {
			return ACCEPTED;
		}
		return PERMANENT;
	}

}
