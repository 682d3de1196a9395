package io.github.ciospring.customerio.webhooks;

/**
 * What {@link WebhookVerifier} found. Only {@link #VALID} requests may be read; each other value says why a
 * request was refused, and {@link #outcome()} names it in low-cardinality words for meters.
 */
public enum Verification {

	/** Signed with one of the keys, within the tolerance. */
	VALID("accepted"),

	/** {@code X-CIO-Timestamp} or {@code X-CIO-Signature} is missing or blank. */
	MISSING_HEADERS("missing_headers"),

	/** {@code X-CIO-Timestamp} is not a number of seconds. */
	INVALID_TIMESTAMP("invalid_timestamp"),

	/** The timestamp is further from now than the tolerance: a replay, or a badly wrong clock. */
	STALE_TIMESTAMP("stale_timestamp"),

	/** The signature matches none of the keys: a wrong key, or a body or timestamp changed after signing. */
	INVALID_SIGNATURE("invalid_signature");

	private final String outcome;

	Verification(String outcome) {
		this.outcome = outcome;
	}

	/** Whether the request is authentic and fresh. */
	public boolean isValid() {
		return this == VALID;
	}

	/** The outcome as a meter tag value. */
	public String outcome() {
		return this.outcome;
	}

}
