package io.github.ciospring.customerio;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Customer.io answered with an HTTP error status. Carries the status, Customer.io's own error messages (from
 * {@code meta.error} and {@code meta.errors}) and the {@code Retry-After} delay when one was sent.
 */
public class CustomerIoApiException extends CustomerIoException {

	private final int statusCode;

	private final List<String> errors;

	private final @Nullable Duration retryAfter;

	public CustomerIoApiException(String api, String operation, int attempts, int statusCode, List<String> errors,
			@Nullable Duration retryAfter) {
		super(api, operation, attempts, describe(api, operation, statusCode, errors), null);
		this.statusCode = statusCode;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	private static String describe(String api, String operation, int statusCode, List<String> errors) {
		StringBuilder message = new StringBuilder("Customer.io ").append(api)
			.append(' ')
			.append(operation)
			.append(" failed with HTTP ")
			.append(statusCode);
		if (statusCode == 301) {
			message.append(" (wrong datacenter: this account lives in the other region; set customerio.region)");
		}
		else if (statusCode == 401 || statusCode == 403) {
			message.append(" (credentials rejected)");
		}
		else if (statusCode == 429) {
			message.append(" (rate limited)");
		}
		if (!errors.isEmpty()) {
			message.append(": ").append(String.join("; ", errors));
		}
		return message.toString();
	}

	public int getStatusCode() {
		return this.statusCode;
	}

	/** Customer.io's error messages, empty when the body carried none. */
	public List<String> getErrors() {
		return this.errors;
	}

	/** The delay Customer.io asked for in {@code Retry-After}, already capped. */
	public Optional<Duration> getRetryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	public boolean isRateLimited() {
		return this.statusCode == 429;
	}

	@Override
	public CustomerIoApiException withAttempts(int attempts) {
		CustomerIoApiException copy = new CustomerIoApiException(getApi(), getOperation(), attempts, this.statusCode,
				this.errors, this.retryAfter);
		copy.setStackTrace(getStackTrace());
		return copy;
	}

}
