package io.github.ciospring.customerio.autoconfigure.webhooks.webhooksapp;

import io.github.ciospring.customerio.autoconfigure.webhooks.CustomerIoWebhookReceiver;
import io.github.ciospring.customerio.autoconfigure.webhooks.RecordingWebhookListener;
import io.github.ciospring.customerio.autoconfigure.webhooks.SignedWebhooks;
import io.github.ciospring.customerio.webhooks.InAppEvent;
import io.github.ciospring.customerio.webhooks.Metric;
import io.github.ciospring.customerio.webhooks.WebhookSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux endpoint on a running Netty server, over real HTTP: verified events reach the application's
 * listeners; anything that fails verification gets 401 and reaches none.
 */
@SpringBootTest(classes = WebhooksTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"customerio.webhooks.signing-key=" + SignedWebhooks.KEY,
				"customerio.webhooks.secondary-signing-key=" + SignedWebhooks.SECONDARY_KEY,
				"customerio.webhooks.path=/hooks/cio", "customerio.webhooks.max-body-size=4KB" })
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class CustomerIoWebhooksReactiveEndpointTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private RecordingWebhookListener listener;

	@Autowired
	private MeterRegistry meters;

	@BeforeEach
	void forgetEarlierEvents() {
		this.listener.events().clear();
	}

	@Test
	void aVerifiedEventReachesTheListenersTyped() {
		byte[] body = SignedWebhooks.event("01FLUX000000000000000000001", "in_app", "clicked");
		String timestamp = SignedWebhooks.now();
		double before = count("in_app_clicked", "accepted");

		post(timestamp, SignedWebhooks.sign(timestamp, body), body).expectStatus().isOk();

		assertThat(this.listener.events()).singleElement().isInstanceOfSatisfying(InAppEvent.class, (event) -> {
			assertThat(event.metric()).isEqualTo(Metric.CLICKED);
			assertThat(event.data().customerId()).isEqualTo("42");
		});
		assertThat(count("in_app_clicked", "accepted")).isEqualTo(before + 1);
	}

	@Test
	void theSecondaryKeyIsAcceptedDuringARotation() {
		byte[] body = SignedWebhooks.event("01FLUX000000000000000000002", "slack", "sent");
		String timestamp = SignedWebhooks.now();

		post(timestamp, WebhookSignature.sign(SignedWebhooks.SECONDARY_KEY, timestamp, body), body).expectStatus()
			.isOk();

		assertThat(this.listener.events()).hasSize(1);
	}

	@Test
	void aBadSignatureIsRefusedAndCounted() {
		byte[] body = SignedWebhooks.event("01FLUX000000000000000000003", "email", "sent");
		String timestamp = SignedWebhooks.now();
		double before = count("none", "invalid_signature");

		post(timestamp, WebhookSignature.sign("not-the-key", timestamp, body), body).expectStatus().isUnauthorized();

		assertThat(this.listener.events()).isEmpty();
		assertThat(count("none", "invalid_signature")).isEqualTo(before + 1);
	}

	@Test
	void aStaleTimestampIsRefused() {
		byte[] body = SignedWebhooks.event("01FLUX000000000000000000004", "email", "sent");
		String stale = Long.toString(Long.parseLong(SignedWebhooks.now()) - 3600);

		post(stale, SignedWebhooks.sign(stale, body), body).expectStatus().isUnauthorized();

		assertThat(this.listener.events()).isEmpty();
	}

	@Test
	void missingHeadersAreRefused() {
		byte[] body = SignedWebhooks.event("01FLUX000000000000000000005", "email", "sent");

		this.client.post()
			.uri("/hooks/cio")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(this.listener.events()).isEmpty();
	}

	@Test
	void aBodyChangedAfterSigningIsRefused() {
		byte[] signed = SignedWebhooks.event("01FLUX000000000000000000006", "email", "delivered");
		byte[] changed = SignedWebhooks.event("01FLUX000000000000000000006", "email", "bounced");
		String timestamp = SignedWebhooks.now();

		post(timestamp, SignedWebhooks.sign(timestamp, signed), changed).expectStatus().isUnauthorized();

		assertThat(this.listener.events()).isEmpty();
	}

	@Test
	void aListenerFailureAnswers500() {
		byte[] body = SignedWebhooks.event(RecordingWebhookListener.FAILING_EVENT_ID, "webhook", "failed");
		String timestamp = SignedWebhooks.now();

		post(timestamp, SignedWebhooks.sign(timestamp, body), body).expectStatus().is5xxServerError();

		assertThat(count("webhook_failed", "listener_failed")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aBodyOverTheLimitAnswers413() {
		byte[] body = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes();
		String timestamp = SignedWebhooks.now();

		post(timestamp, SignedWebhooks.sign(timestamp, body), body).expectStatus().isEqualTo(413);

		assertThat(this.listener.events()).isEmpty();
	}

	private WebTestClient.ResponseSpec post(String timestamp, String signature, byte[] body) {
		return this.client.post()
			.uri("/hooks/cio")
			.contentType(MediaType.APPLICATION_JSON)
			.header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
			.header(WebhookSignature.SIGNATURE_HEADER, signature)
			.bodyValue(body)
			.exchange();
	}

	private double count(String metric, String outcome) {
		Counter counter = this.meters.find(CustomerIoWebhookReceiver.RECEIVED)
			.tag("metric", metric)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
