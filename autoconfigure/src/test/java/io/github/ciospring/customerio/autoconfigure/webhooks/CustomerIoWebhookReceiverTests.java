package io.github.ciospring.customerio.autoconfigure.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.ciospring.customerio.webhooks.CustomerEvent;
import io.github.ciospring.customerio.webhooks.ReportingEventParser;
import io.github.ciospring.customerio.webhooks.WebhookSignature;
import io.github.ciospring.customerio.webhooks.WebhookVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver alone, with an injected clock: verification before reading, publishing, statuses and meters.
 */
class CustomerIoWebhookReceiverTests {

	private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

	private static final String TIMESTAMP = Long.toString(NOW.getEpochSecond());

	private static final byte[] BODY = ("{\"event_id\":\"e1\",\"object_type\":\"customer\",\"metric\":\"unsubscribed\","
			+ "\"timestamp\":1800000000,\"data\":{\"customer_id\":\"42\"}}").getBytes(StandardCharsets.UTF_8);

	private final WebhookVerifier verifier = new WebhookVerifier(List.of("k"), Duration.ofMinutes(5),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final List<Object> published = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void aValidRequestIsPublishedAndAnswered200() {
		CustomerIoWebhookReceiver receiver = receiver(this.published::add);

		assertThat(receiver.receive(TIMESTAMP, WebhookSignature.sign("k", TIMESTAMP, BODY), BODY))
			.isEqualTo(HttpStatus.OK);

		assertThat(this.published).singleElement().isInstanceOf(CustomerEvent.class);
		assertThat(this.meters.get(CustomerIoWebhookReceiver.RECEIVED)
			.tag("metric", "customer_unsubscribed")
			.tag("outcome", "accepted")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aStaleRequestIsNeitherReadNorPublished() {
		String old = Long.toString(NOW.getEpochSecond() - 301);
		CustomerIoWebhookReceiver receiver = receiver(this.published::add);

		assertThat(receiver.receive(old, WebhookSignature.sign("k", old, BODY), BODY))
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		assertThat(this.published).isEmpty();
		assertThat(this.meters.get(CustomerIoWebhookReceiver.RECEIVED)
			.tag("metric", "none")
			.tag("outcome", "stale_timestamp")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aThrowingListenerMeans500() {
		CustomerIoWebhookReceiver receiver = receiver((event) -> {
			throw new IllegalStateException("down");
		});

		assertThat(receiver.receive(TIMESTAMP, WebhookSignature.sign("k", TIMESTAMP, BODY), BODY))
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(this.meters.get(CustomerIoWebhookReceiver.RECEIVED)
			.tag("outcome", "listener_failed")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void withoutAMeterRegistryItStillAnswers() {
		CustomerIoWebhookReceiver receiver = new CustomerIoWebhookReceiver(this.verifier, new ReportingEventParser(),
				this.published::add, null);

		assertThat(receiver.receive(TIMESTAMP, "00", BODY)).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(receiver.receive(TIMESTAMP, WebhookSignature.sign("k", TIMESTAMP, BODY), BODY))
			.isEqualTo(HttpStatus.OK);
		assertThat(this.published).hasSize(1);
	}

	private CustomerIoWebhookReceiver receiver(org.springframework.context.ApplicationEventPublisher publisher) {
		return new CustomerIoWebhookReceiver(this.verifier, new ReportingEventParser(), publisher, this.meters);
	}

}
