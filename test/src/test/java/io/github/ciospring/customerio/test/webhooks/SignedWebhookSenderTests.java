package io.github.ciospring.customerio.test.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.github.ciospring.customerio.webhooks.Verification;
import io.github.ciospring.customerio.webhooks.WebhookSignature;
import io.github.ciospring.customerio.webhooks.WebhookVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender against a plain JDK server that verifies what arrives with the starter's own verifier, as an
 * application's endpoint does.
 */
class SignedWebhookSenderTests {

	private static final String KEY = "whsec-kit-test";

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final List<Verification> verified = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private URI endpoint;

	@BeforeEach
	void start() throws IOException {
		WebhookVerifier verifier = new WebhookVerifier(List.of(KEY), Duration.ofMinutes(5),
				Clock.fixed(NOW, ZoneOffset.UTC));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/customerio/webhooks", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Verification verification = verifier.verify(
					exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
					exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body);
			this.verified.add(verification);
			exchange.sendResponseHeaders(verification.isValid() ? 200 : 401, -1);
			exchange.close();
		});
		this.server.start();
		this.endpoint = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/customerio/webhooks");
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void anEventSignedNowIsVerifiedByTheReceiver() throws Exception {
		SignedWebhookSender sender = new SignedWebhookSender(this.endpoint, KEY, Clock.fixed(NOW, ZoneOffset.UTC));

		int status = sender.send(SignedWebhookSender.event("01KIT0000000000000000001", "email", "opened",
				NOW.getEpochSecond()));

		assertThat(status).isEqualTo(200);
		assertThat(this.verified).containsExactly(Verification.VALID);
	}

	@Test
	void anotherKeyIsRefused() throws Exception {
		SignedWebhookSender sender = new SignedWebhookSender(this.endpoint, "not-the-key",
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(sender.send("{}")).isEqualTo(401);
		assertThat(this.verified).containsExactly(Verification.INVALID_SIGNATURE);
	}

	@Test
	void aSenderWhoseClockIsBehindSendsAStaleTimestamp() throws Exception {
		SignedWebhookSender late = new SignedWebhookSender(this.endpoint, KEY,
				Clock.fixed(NOW.minus(Duration.ofMinutes(6)), ZoneOffset.UTC));

		assertThat(late.send("{}")).isEqualTo(401);
		assertThat(this.verified).containsExactly(Verification.STALE_TIMESTAMP);
	}

	@Test
	void headersCanBeLeftOutToCheckWhatTheEndpointRefuses() throws Exception {
		SignedWebhookSender sender = new SignedWebhookSender(this.endpoint, KEY, Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(sender.post(null, null, "{}".getBytes())).isEqualTo(401);
		assertThat(this.verified).containsExactly(Verification.MISSING_HEADERS);
	}

}
