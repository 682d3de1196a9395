package io.github.ciospring.customerio.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reporting webhook signatures: HMAC-SHA256 over {@code v0:<timestamp>:<raw body>}, hex, checked against one or two
 * keys, with the timestamp within a tolerance of an injected clock.
 */
class WebhookVerifierTests {

	private static final String KEY = "whsec-test-7d1c0f9e";

	private static final String TIMESTAMP = "1700000000";

	private static final byte[] BODY = ("{\"data\":{\"customer_id\":\"42\",\"delivery_id\":\"RPILAgUBcRhIBqSfeiIwdIYJKxTY\","
			+ "\"identifiers\":{\"id\":\"42\"},\"recipient\":\"ann@example.com\"},\"event_id\":\"01E4C4C6P79C12J5A6KPE6XNFD\","
			+ "\"metric\":\"opened\",\"object_type\":\"email\",\"timestamp\":1700000000}")
		.getBytes(StandardCharsets.UTF_8);

	/**
	 * Computed outside Java, with OpenSSL 3.0.19:
	 * <pre>
	 * $ printf '%s' 'v0:1700000000:{"data":{"customer_id":"42","delivery_id":"RPILAgUBcRhIBqSfeiIwdIYJKxTY","identifiers":{"id":"42"},"recipient":"ann@example.com"},"event_id":"01E4C4C6P79C12J5A6KPE6XNFD","metric":"opened","object_type":"email","timestamp":1700000000}' \
	 *     | openssl dgst -sha256 -hmac 'whsec-test-7d1c0f9e'
	 * SHA2-256(stdin)= 24ea36f1197518af0e2888e79a55a81505f98e0285b7d83e579285d389c07201
	 * </pre>
	 */
	private static final String OPENSSL_SIGNATURE = "24ea36f1197518af0e2888e79a55a81505f98e0285b7d83e579285d389c07201";

	private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

	private final WebhookVerifier verifier = new WebhookVerifier(List.of(KEY), Duration.ofMinutes(5), this.clock);

	@Test
	void signingMatchesTheVectorComputedWithOpenssl() {
		assertThat(WebhookSignature.sign(KEY, TIMESTAMP, BODY)).isEqualTo(OPENSSL_SIGNATURE);
	}

	@Test
	void theOpensslVectorIsValid() {
		assertThat(this.verifier.verify(TIMESTAMP, OPENSSL_SIGNATURE, BODY)).isEqualTo(Verification.VALID);
	}

	@Test
	void upperCaseHexIsValidToo() {
		assertThat(this.verifier.verify(TIMESTAMP, OPENSSL_SIGNATURE.toUpperCase(), BODY))
			.isEqualTo(Verification.VALID);
	}

	@Test
	void aSignatureMadeWithAnotherKeyIsRefused() {
		String other = WebhookSignature.sign("another-key", TIMESTAMP, BODY);

		assertThat(this.verifier.verify(TIMESTAMP, other, BODY)).isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@Test
	void aBodyChangedAfterSigningIsRefused() {
		byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("opened", "clicked")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(this.verifier.verify(TIMESTAMP, OPENSSL_SIGNATURE, changed))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@Test
	void aTimestampChangedAfterSigningIsRefused() {
		assertThat(this.verifier.verify("1700000001", OPENSSL_SIGNATURE, BODY))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@Test
	void aSignatureThatIsNotHexIsRefused() {
		assertThat(this.verifier.verify(TIMESTAMP, "zz" + OPENSSL_SIGNATURE.substring(2), BODY))
			.isEqualTo(Verification.INVALID_SIGNATURE);
		assertThat(this.verifier.verify(TIMESTAMP, OPENSSL_SIGNATURE.substring(1), BODY))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@Test
	void aTruncatedSignatureIsRefused() {
		assertThat(this.verifier.verify(TIMESTAMP, OPENSSL_SIGNATURE.substring(0, 62), BODY))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@Test
	void missingHeadersAreRefused() {
		assertThat(this.verifier.verify(null, OPENSSL_SIGNATURE, BODY)).isEqualTo(Verification.MISSING_HEADERS);
		assertThat(this.verifier.verify(TIMESTAMP, null, BODY)).isEqualTo(Verification.MISSING_HEADERS);
		assertThat(this.verifier.verify(" ", OPENSSL_SIGNATURE, BODY)).isEqualTo(Verification.MISSING_HEADERS);
		assertThat(this.verifier.verify(TIMESTAMP, "", BODY)).isEqualTo(Verification.MISSING_HEADERS);
		assertThat(this.verifier.verify(TIMESTAMP, OPENSSL_SIGNATURE, null)).isEqualTo(Verification.MISSING_HEADERS);
	}

	@Test
	void aTimestampThatIsNotSecondsIsRefused() {
		assertThat(this.verifier.verify("2023-11-14T22:13:20Z", OPENSSL_SIGNATURE, BODY))
			.isEqualTo(Verification.INVALID_TIMESTAMP);
	}

	@Test
	void aTimestampJustWithinTheToleranceEitherWayIsValid() {
		assertValidAt(1_700_000_000L + 300);
		assertValidAt(1_700_000_000L - 300);
	}

	@Test
	void aTimestampBeyondTheToleranceEitherWayIsStale() {
		assertThat(at(1_700_000_000L + 301).verify(TIMESTAMP, OPENSSL_SIGNATURE, BODY))
			.isEqualTo(Verification.STALE_TIMESTAMP);
		assertThat(at(1_700_000_000L - 301).verify(TIMESTAMP, OPENSSL_SIGNATURE, BODY))
			.isEqualTo(Verification.STALE_TIMESTAMP);
	}

	@Test
	void theDefaultToleranceIsFiveMinutes() {
		assertThat(WebhookVerifier.of(KEY).tolerance()).isEqualTo(Duration.ofMinutes(5));
		assertThat(WebhookVerifier.DEFAULT_TOLERANCE).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void duringARotationEitherKeyIsValid() {
		WebhookVerifier rotating = new WebhookVerifier(List.of("new-key", KEY), Duration.ofMinutes(5), this.clock);

		assertThat(rotating.verify(TIMESTAMP, OPENSSL_SIGNATURE, BODY)).isEqualTo(Verification.VALID);
		assertThat(rotating.verify(TIMESTAMP, WebhookSignature.sign("new-key", TIMESTAMP, BODY), BODY))
			.isEqualTo(Verification.VALID);
		assertThat(rotating.verify(TIMESTAMP, WebhookSignature.sign("third-key", TIMESTAMP, BODY), BODY))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@Test
	void oneOrTwoNonBlankKeysAndAPositiveToleranceAreRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebhookVerifier(List.of(), Duration.ofMinutes(5),
				this.clock)).withMessageContaining("one or two");
		assertThatIllegalArgumentException().isThrownBy(() -> new WebhookVerifier(null, Duration.ofMinutes(5),
				this.clock)).withMessageContaining("one or two");
		assertThatIllegalArgumentException().isThrownBy(() -> new WebhookVerifier(List.of("a", "b", "c"),
				Duration.ofMinutes(5), this.clock)).withMessageContaining("one or two");
		assertThatIllegalArgumentException().isThrownBy(() -> new WebhookVerifier(List.of(" "),
				Duration.ofMinutes(5), this.clock)).withMessageContaining("must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new WebhookVerifier(List.of(KEY), Duration.ZERO,
				this.clock)).withMessageContaining("tolerance must be positive");
	}

	@Test
	void theKeysNeverShowInToString() {
		assertThat(this.verifier.toString()).doesNotContain(KEY).contains("keys=1");
	}

	@Test
	void outcomesAreNamedForMeters() {
		assertThat(Verification.VALID.isValid()).isTrue();
		assertThat(Verification.STALE_TIMESTAMP.isValid()).isFalse();
		assertThat(Verification.INVALID_SIGNATURE.outcome()).isEqualTo("invalid_signature");
		assertThat(Verification.MISSING_HEADERS.outcome()).isEqualTo("missing_headers");
	}

	private void assertValidAt(long nowSeconds) {
		assertThat(at(nowSeconds).verify(TIMESTAMP, OPENSSL_SIGNATURE, BODY)).isEqualTo(Verification.VALID);
	}

	private static WebhookVerifier at(long nowSeconds) {
		return new WebhookVerifier(List.of(KEY), Duration.ofMinutes(5),
				Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC));
	}

}
