package io.github.ciospring.customerio.autoconfigure.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.ciospring.customerio.webhooks.WebhookSignature;

/**
 * Reporting webhook bodies and their signatures, as Customer.io would send them, for endpoint tests.
 */
public final class SignedWebhooks {

	public static final String KEY = "test-signing-key-0b7e";

	public static final String SECONDARY_KEY = "test-signing-key-rotated-91f3";

	private SignedWebhooks() {
	}

	/** An {@code <objectType>_<metric>} event body with that id. */
	public static byte[] event(String eventId, String objectType, String metric) {
		return ("{\"event_id\":\"" + eventId + "\",\"object_type\":\"" + objectType + "\",\"metric\":\"" + metric
				+ "\",\"timestamp\":" + Instant.now().getEpochSecond() + ",\"data\":{\"identifiers\":{\"id\":\"42\"},"
				+ "\"customer_id\":\"42\",\"delivery_id\":\"dlv_" + eventId + "\",\"recipient\":\"ann@example.com\"}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** The time now, as {@code X-CIO-Timestamp}. */
	public static String now() {
		return Long.toString(Instant.now().getEpochSecond());
	}

	public static String sign(String timestamp, byte[] body) {
		return WebhookSignature.sign(KEY, timestamp, body);
	}

}
