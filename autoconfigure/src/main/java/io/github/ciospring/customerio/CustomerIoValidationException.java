package io.github.ciospring.customerio;

/**
 * A request broke one of Customer.io's documented limits and was refused before anything was sent. Names the
 * field and the limit.
 */
public class CustomerIoValidationException extends IllegalArgumentException {

	private final String field;

	private final String limit;

	private final String detail;

	public CustomerIoValidationException(String field, String limit, String detail) {
		super(field + " " + detail + " (limit: " + limit + ")");
		this.field = field;
		this.limit = limit;
		this.detail = detail;
	}

	/**
	 * The same failure reported for the part of a larger request it was found in, for example an operation's
	 * failure as {@code batch[3]}: the limit is named once, and the original field stays in the detail.
	 */
	public CustomerIoValidationException within(String container) {
		return new CustomerIoValidationException(container, this.limit, this.field + " " + this.detail);
	}

	/** The offending field, for example {@code attributes.plan} or {@code batch}. */
	public String getField() {
		return this.field;
	}

	/** The limit that was broken, for example {@code 1000 bytes}. */
	public String getLimit() {
		return this.limit;
	}

}
