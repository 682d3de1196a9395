package io.github.ciospring.customerio;

/**
 * Base of every error a Customer.io client raises for a call that was attempted. Carries the API instance
 * ({@code track}, {@code app}, ...), the operation and how many attempts were made. Never carries credentials.
 */
public class CustomerIoException extends RuntimeException {

	private final String api;

	private final String operation;

	private final int attempts;

	public CustomerIoException(String api, String operation, int attempts, String message, Throwable cause) {
		super(message, cause);
		this.api = api;
		this.operation = operation;
		this.attempts = attempts;
	}

	/** The API instance the call went through, for example {@code track} or {@code transactional}. */
	public String getApi() {
		return this.api;
	}

	/** The operation, for example {@code identify}. */
	public String getOperation() {
		return this.operation;
	}

	/** How many attempts were made before this error was raised (1 when the call was not retried). */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * A copy of this exception that records the final attempt count.
	 * @param attempts the number of attempts made
	 * @return the copy
	 */
	public CustomerIoException withAttempts(int attempts) {
		CustomerIoException copy = new CustomerIoException(this.api, this.operation, attempts, getMessage(), getCause());
		copy.setStackTrace(getStackTrace());
		return copy;
	}

}
