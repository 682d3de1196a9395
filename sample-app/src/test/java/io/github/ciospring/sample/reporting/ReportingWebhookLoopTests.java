package io.github.ciospring.sample.reporting;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.test.webhooks.SignedWebhookSender;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole reporting webhook loop in the sample app: a sender playing Customer.io signs and posts events over
 * real HTTP, the starter's endpoint verifies them, and the app's listener counts them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "customerio.webhooks.signing-key=" + ReportingWebhookLoopTests.KEY)
class ReportingWebhookLoopTests {

	static final String KEY = "sample-signing-key-5c1d";

	@LocalServerPort
	private int port;

	@Autowired
	private ReportingEventsListener listener;

	private SignedWebhookSender sender;

	@BeforeEach
	void setUp() {
		this.sender = new SignedWebhookSender(URI.create("http://localhost:" + this.port + "/customerio/webhooks"),
				KEY, Clock.systemUTC());
	}

	@Test
	void aSignedEventReachesTheAppsListener() throws Exception {
		long before = this.listener.counts().getOrDefault("email_bounced", 0L);

		int status = this.sender.send(SignedWebhookSender.event("01SAMPLE00000000000000001", "email", "bounced",
				Instant.now().getEpochSecond()));

		assertThat(status).isEqualTo(200);
		assertThat(this.listener.counts()).containsEntry("email_bounced", before + 1);
	}

	@Test
	void aStaleOrForgedEventIsRefusedAndNotCounted() throws Exception {
		Map<String, Long> before = this.listener.counts();
		SignedWebhookSender late = new SignedWebhookSender(
				URI.create("http://localhost:" + this.port + "/customerio/webhooks"), KEY,
				Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
		SignedWebhookSender forger = new SignedWebhookSender(
				URI.create("http://localhost:" + this.port + "/customerio/webhooks"), "guessed-key",
				Clock.systemUTC());
		String json = SignedWebhookSender.event("01SAMPLE00000000000000002", "push", "opened",
				Instant.now().getEpochSecond());

		assertThat(late.send(json)).isEqualTo(401);
		assertThat(forger.send(json)).isEqualTo(401);
		assertThat(this.sender.post(null, null, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(401);
		assertThat(this.listener.counts()).isEqualTo(before);
	}

}
