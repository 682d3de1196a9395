package io.github.ciospring.customerio.test.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.github.ciospring.customerio.webhooks.WebhookSignature;

/**
 * Plays Customer.io's part of a reporting webhook: posts a body to an endpoint, signed with the signing key as
 * Customer.io signs it ({@code X-CIO-Timestamp}, {@code X-CIO-Signature}), with the JDK's HTTP client and the same
 * 4 s timeout. For tests that drive the whole loop; nothing in it depends on Spring.
 */
public final class SignedWebhookSender {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(4)).build();

	private final URI endpoint;

	private final String signingKey;

	private final Clock clock;

	/**
	 * @param endpoint where to post, for example {@code http://localhost:8080/customerio/webhooks}
	 * @param signingKey the key to sign with
	 * @param clock the clock the timestamp comes from (move it to send stale requests)
	 */
	public SignedWebhookSender(URI endpoint, String signingKey, Clock clock) {
		this.endpoint = endpoint;
		this.signingKey = signingKey;
		this.clock = clock;
	}

	/** Sends the JSON signed now; returns the endpoint's HTTP status. */
	public int send(String json) throws IOException, InterruptedException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		return post(timestamp, WebhookSignature.sign(this.signingKey, timestamp, body), body);
	}

	/** Sends a body with the given headers as they are, to check what the endpoint refuses. */
	public int post(String timestamp, String signature, byte[] body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.timeout(Duration.ofSeconds(4))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (timestamp != null) {
			request.header(WebhookSignature.TIMESTAMP_HEADER, timestamp);
		}
		if (signature != null) {
			request.header(WebhookSignature.SIGNATURE_HEADER, signature);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** An {@code <objectType>_<metric>} reporting event body, as Customer.io sends it. */
	public static String event(String eventId, String objectType, String metric, long timestamp) {
		return "{\"event_id\":\"" + eventId + "\",\"object_type\":\"" + objectType + "\",\"metric\":\"" + metric
				+ "\",\"timestamp\":" + timestamp + ",\"data\":{\"identifiers\":{\"id\":\"42\"},\"customer_id\":\"42\","
				+ "\"delivery_id\":\"dlv_" + eventId + "\",\"recipient\":\"ann@example.com\","
				+ "\"failure_message\":\"mailbox full\"}}";
	}

}
