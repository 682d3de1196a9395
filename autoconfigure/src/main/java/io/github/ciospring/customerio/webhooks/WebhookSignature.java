package io.github.ciospring.customerio.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer.io's reporting webhook signature: a hex HMAC-SHA256, keyed with the webhook signing key (its text as
 * UTF-8 bytes), over {@code v0:<X-CIO-Timestamp>:<raw body>}. Verifying is {@link WebhookVerifier}'s job; signing
 * is here for tests and tools that play Customer.io's part.
 */
public final class WebhookSignature {

	/** The header that carries the signature. */
	public static final String SIGNATURE_HEADER = "X-CIO-Signature";

	/** The header that carries the time of signing, in Unix seconds. */
	public static final String TIMESTAMP_HEADER = "X-CIO-Timestamp";

	private static final String ALGORITHM = "HmacSHA256";

	private WebhookSignature() {
	}

	/** The hex signature Customer.io sends for that body, signed at that timestamp with that key. */
	public static String sign(String signingKey, String timestamp, byte[] body) {
		return HexFormat.of().formatHex(hmac(signingKey, timestamp, body));
	}

	static byte[] hmac(String signingKey, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			// every Java platform has HmacSHA256, and any non-empty key is valid for it
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
