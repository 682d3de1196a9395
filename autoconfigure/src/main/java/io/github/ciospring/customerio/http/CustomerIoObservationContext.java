package io.github.ciospring.customerio.http;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoRateLimitTimeoutException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.micrometer.observation.Observation;

/**
 * The observation context of one Customer.io call: one operation of one API instance, its rate-limit waits and
 * retries included. Each attempt is observed on its own by the WebClient ({@code http.client.requests}) as a child
 * of this one.
 */
public class CustomerIoObservationContext extends Observation.Context {

	/** The outcome of a call that was cancelled before it ended. */
	public static final String CANCELLED = "cancelled";

	/** The outcome of a call still running. */
	public static final String UNKNOWN = "unknown";

	private final String api;

	private final String operation;

	private volatile String outcome = UNKNOWN;

	private volatile int attempts;

	public CustomerIoObservationContext(String api, String operation) {
		this.api = api;
		this.operation = operation;
	}

	/** The API instance, for example {@code track}. */
	public String getApi() {
		return this.api;
	}

	/** The operation, for example {@code identify}. */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * How the call ended: {@code success}, {@code rate_limited}, {@code client_error}, {@code server_error},
	 * {@code io_error}, {@code rate_limit_timeout} (no permit in time, nothing sent), {@code cancelled},
	 * {@code error}; {@code unknown} while it runs.
	 */
	public String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

	/** How many HTTP attempts the call made. */
	public int getAttempts() {
		return this.attempts;
	}

	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	/** The outcome of a call that failed with the given error. */
	public static String outcomeOf(Throwable failure) {
		if (failure instanceof CustomerIoApiException api) {
			return CustomerIoMeters.outcome(api.getStatusCode());
		}
		if (failure instanceof CustomerIoRateLimitTimeoutException) {
			return "rate_limit_timeout";
		}
		if (failure instanceof CustomerIoTransportException) {
			return "io_error";
		}
		return "error";
	}

}
