package io.github.ciospring.customerio.resilience;

import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoTransportException;

/**
 * Which failures an API's calls are retried on.
 */
public enum RetryOn implements Predicate<Throwable> {

	/**
	 * 408, 429, 5xx, connection failures and timeouts; never other 4xx. Right for calls that are safe to repeat:
	 * identify (PUT), deletes, and events that carry a ULID {@code id}.
	 */
	TRANSIENT_FAILURES {
		@Override
		public boolean test(Throwable failure) {
			if (failure instanceof CustomerIoApiException api) {
				int status = api.getStatusCode();
				return status == 408 || status == 429 || status >= 500;
			}
			return failure instanceof CustomerIoTransportException || failure instanceof TimeoutException;
		}
	},

	/**
	 * Only failures after which the request surely did not reach Customer.io: 429, and connections that failed
	 * before the request was written. Right for message sends, which have no idempotency key: a timeout or 5xx
	 * after the request was written may have sent the message, so it is surfaced rather than repeated.
	 */
	SURELY_UNDELIVERED {
		@Override
		public boolean test(Throwable failure) {
			if (failure instanceof CustomerIoApiException api) {
				return api.getStatusCode() == 429;
			}
			return failure instanceof CustomerIoTransportException transport && !transport.isRequestSent();
		}
	},

	/** Never retry. */
	NEVER {
		@Override
		public boolean test(Throwable failure) {
			return false;
		}
	}

}
