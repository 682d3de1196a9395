package io.github.ciospring.customerio.webhooks;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies Customer.io reporting webhook requests: the {@code X-CIO-Signature} must be the HMAC-SHA256 of
 * {@code v0:<timestamp>:<raw body>} under one of the signing keys (two during a key rotation), compared in constant
 * time, and {@code X-CIO-Timestamp} must be within the tolerance of now (5 minutes by default), so a captured
 * request cannot be replayed later. Thread-safe; verify the raw bytes as received, before any parsing.
 */
public final class WebhookVerifier {

	/** The default tolerance between the request's timestamp and now. */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	private static final HexFormat HEX = HexFormat.of();

	private final List<String> signingKeys;

	private final Duration tolerance;

	private final Clock clock;

	/**
	 * @param signingKeys the signing keys, one or two (the new and the old during a rotation), none blank
	 * @param tolerance how far the timestamp may be from now, either way
	 * @param clock the clock that says what now is
	 */
	public WebhookVerifier(List<String> signingKeys, Duration tolerance, Clock clock) {
		if (signingKeys == null || signingKeys.isEmpty() || signingKeys.size() > 2) {
			throw new IllegalArgumentException("webhook signing keys: one or two are needed, "
					+ ((signingKeys != null) ? signingKeys.size() : 0) + " given");
		}
		for (String key : signingKeys) {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("webhook signing key must not be blank");
			}
		}
		if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
			throw new IllegalArgumentException("webhook timestamp tolerance must be positive, was " + tolerance);
		}
		this.signingKeys = List.copyOf(signingKeys);
		this.tolerance = tolerance;
		this.clock = clock;
	}

	/** A verifier with one key, the default tolerance and the system clock. */
	public static WebhookVerifier of(String signingKey) {
		return new WebhookVerifier(List.of(signingKey), DEFAULT_TOLERANCE, Clock.systemUTC());
	}

	/**
	 * @param timestamp the {@code X-CIO-Timestamp} header, or {@code null} when absent
	 * @param signature the {@code X-CIO-Signature} header, or {@code null} when absent
	 * @param body the raw request body, exactly as received
	 * @return {@link Verification#VALID}, or why the request must be refused
	 */
	public Verification verify(String timestamp, String signature, byte[] body) {
		if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank() || body == null) {
			return Verification.MISSING_HEADERS;
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.trim());
		}
		catch (NumberFormatException ex) {
			return Verification.INVALID_TIMESTAMP;
		}
		long now = this.clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > this.tolerance.toSeconds()) {
			return Verification.STALE_TIMESTAMP;
		}
		byte[] given;
		try {
			given = HEX.parseHex(signature.trim());
		}
		catch (IllegalArgumentException ex) {
			return Verification.INVALID_SIGNATURE;
		}
		boolean matches = false;
		for (String key : this.signingKeys) {
			// every key is tried, so the time taken does not tell which one matched
			matches |= MessageDigest.isEqual(WebhookSignature.hmac(key, timestamp.trim(), body), given);
		}
		return matches ? Verification.VALID : Verification.INVALID_SIGNATURE;
	}

	/** How far a timestamp may be from now. */
	public Duration tolerance() {
		return this.tolerance;
	}

	@Override
	public String toString() {
		return "WebhookVerifier[keys=" + this.signingKeys.size() + " (masked), tolerance=" + this.tolerance + "]";
	}

}
