package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.ciospring.customerio.track.TrackOperation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Builds queues against a local server, and reads what the server received.
 */
final class DeliveryFixtures {

	static final String BATCH_PATH = "/api/v2/batch";

	private static final JsonMapper json = JsonMapper.builder().build();

	private DeliveryFixtures() {
	}

	/** A Track client at the server, with fast retries (1 ms backoff) and a generous rate. */
	static TrackClient trackClient(String baseUrl, int maxAttempts) {
		TestClients clients = new TestClients();
		return new TrackClient(clients.http(baseUrl, Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY)),
				clients.resilience("track", 1000, TestClients.quickRetries(maxAttempts, RetryOn.TRANSIENT_FAILURES)));
	}

	/** A queue builder on {@link #trackClient(String, int)} with the given settings. */
	static TrackDeliveryQueue.Builder queueBuilder(String baseUrl, int clientAttempts, Settings settings) {
		return TrackDeliveryQueue.builder(trackClient(baseUrl, clientAttempts)).settings(settings.build());
	}

	/** Ends a test's queue at once, failing what it still holds; nothing when the test built none. */
	static void discard(TrackDeliveryQueue queue) {
		if (queue != null) {
			queue.shutdown(Duration.ZERO);
			queue.close();
		}
	}

	static TrackOperation event(int n) {
		return TrackOperation.event(PersonIdentifier.id("person-" + n), "viewed", Map.of("n", n));
	}

	static List<TrackOperation> events(int count) {
		List<TrackOperation> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			events.add(event(i));
		}
		return events;
	}

	static DeliveryResult outcome(CompletableFuture<DeliveryResult> handle) {
		return handle.orTimeout(20, TimeUnit.SECONDS).join();
	}

	static List<LoggedRequest> batchRequests() {
		return WireMock.findAll(postRequestedFor(urlEqualTo(BATCH_PATH)));
	}

	/** The operations of a batch body, in order. */
	static List<JsonNode> items(byte[] body) {
		List<JsonNode> items = new ArrayList<>();
		json.readTree(body).get("batch").forEach(items::add);
		return items;
	}

	static List<String> ids(byte[] body) {
		return items(body).stream().map((item) -> item.get("id").asString()).toList();
	}

	/** Settings for tests: small and quick, each overridable. */
	static Settings settings() {
		return new Settings();
	}

	static final class Settings {

		int capacityItems = 10_000;

		long capacityBytes = 16L * 1024 * 1024;

		int maxBatchItems = 1000;

		int maxBatchBytes = DeliverySettings.MAX_BATCH_BYTES;

		Duration linger = Duration.ofMillis(5);

		int concurrency = 4;

		Duration offerTimeout = Duration.ZERO;

		Duration drainTimeout = Duration.ofSeconds(10);

		int redeliveryAttempts = 3;

		Duration redeliveryDelay = Duration.ofMillis(5);

		Settings capacity(int items, long bytes) {
			this.capacityItems = items;
			this.capacityBytes = bytes;
			return this;
		}

		Settings maxBatch(int items, int bytes) {
			this.maxBatchItems = items;
			this.maxBatchBytes = bytes;
			return this;
		}

		Settings linger(Duration linger) {
			this.linger = linger;
			return this;
		}

		Settings concurrency(int concurrency) {
			this.concurrency = concurrency;
			return this;
		}

		Settings offerTimeout(Duration offerTimeout) {
			this.offerTimeout = offerTimeout;
			return this;
		}

		Settings redeliveries(int attempts, Duration delay) {
			this.redeliveryAttempts = attempts;
			this.redeliveryDelay = delay;
			return this;
		}

		DeliverySettings build() {
			return new DeliverySettings(this.capacityItems, this.capacityBytes, this.maxBatchItems, this.maxBatchBytes,
					this.linger, this.concurrency, this.offerTimeout, this.drainTimeout, this.redeliveryAttempts,
					this.redeliveryDelay);
		}

	}

	/** Keeps every failure handed over. */
	static final class RecordingFailureHandler implements DeliveryFailureHandler {

		final Queue<DeliveryFailure> failures = new ConcurrentLinkedQueue<>();

		@Override
		public void onFailure(DeliveryFailure failure) {
			this.failures.add(failure);
		}

	}

}
