package io.github.ciospring.customerio.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.Platform;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.batchRequests;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.events;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.items;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.outcome;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class TrackDeliveryQueueBatchingTests {

	private TrackDeliveryQueue queue;

	@BeforeEach
	void acceptEveryBatch() {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
	}

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
	}

	@Test
	void fullBatchesByCountAreSentWithoutWaitingForTheLinger(WireMockRuntimeInfo wm) {
		this.queue = DeliveryFixtures
			.queueBuilder(wm.getHttpBaseUrl(), 1, settings().maxBatch(3, 499_999).linger(Duration.ofHours(1)))
			.build();
		List<CompletableFuture<DeliveryResult>> handles = events(7).stream().map(this.queue::offer).toList();
		handles.subList(0, 6).forEach((handle) -> assertThat(outcome(handle).isDelivered()).isTrue());
		assertThat(batchRequests()).extracting((request) -> items(request.getBody()).size()).containsExactly(3, 3);
		assertThat(handles.get(6)).isNotDone();
	}

	@Test
	void batchesArePackedUpToTheByteLimit(WireMockRuntimeInfo wm) {
		int maxBatchBytes = DeliverySettings.MIN_BATCH_BYTES;
		this.queue = DeliveryFixtures
			.queueBuilder(wm.getHttpBaseUrl(), 1, settings().maxBatch(1000, maxBatchBytes).linger(Duration.ofHours(1)))
			.build();
		String blob = "x".repeat(10_000);
		List<CompletableFuture<DeliveryResult>> handles = java.util.stream.IntStream.range(0, 7)
			.mapToObj((n) -> this.queue.offer(TrackOperation.event(PersonIdentifier.id("p" + n), "viewed",
					Map.of("blob", blob))))
			.toList();
		handles.subList(0, 6).forEach((handle) -> assertThat(outcome(handle).isDelivered()).isTrue());
		List<LoggedRequest> requests = batchRequests();
		assertThat(requests).extracting((request) -> items(request.getBody()).size()).containsExactly(3, 3);
		assertThat(requests).allSatisfy((request) -> assertThat(request.getBody().length)
			.isLessThanOrEqualTo(maxBatchBytes)
			.isGreaterThan(maxBatchBytes - 10_200));
		assertThat(handles.get(6)).isNotDone();
	}

	@Test
	void batchBodyHoldsEachOperationAsEncodedOnceInOfferOrder(WireMockRuntimeInfo wm) {
		TrackClient client = DeliveryFixtures.trackClient(wm.getHttpBaseUrl(), 1);
		this.queue = TrackDeliveryQueue.builder(client)
			.settings(settings().maxBatch(3, 499_999).linger(Duration.ofHours(1)).build())
			.build();
		List<TrackOperation> operations = List.of(
				TrackOperation.identify(PersonIdentifier.email("ann@example.com"), Map.of("plan", "pro")),
				TrackOperation.event(PersonIdentifier.id("42"), "purchased", Map.of("total", 10)),
				TrackOperation.delete(PersonIdentifier.id("43")));
		operations.stream().map(this.queue::offer).toList().forEach(DeliveryFixtures::outcome);
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		expected.writeBytes("{\"batch\":[".getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < operations.size(); i++) {
			expected.writeBytes((i > 0) ? new byte[] { ',' } : new byte[0]);
			expected.writeBytes(client.encodeOperation(operations.get(i)));
		}
		expected.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
		assertThat(batchRequests()).singleElement()
			.satisfies((request) -> assertThat(request.getBody()).isEqualTo(expected.toByteArray()));
	}

	@Test
	void partialBatchIsSentOnceItsOldestOperationHasLingered(WireMockRuntimeInfo wm) {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		this.queue = DeliveryFixtures.queueBuilder(wm.getHttpBaseUrl(), 1, settings().linger(Duration.ofMillis(200)))
			.scheduler(time)
			.nanoClock(() -> time.now(TimeUnit.NANOSECONDS))
			.build();
		CompletableFuture<DeliveryResult> first = this.queue.offer(DeliveryFixtures.event(1));
		time.advanceTimeBy(Duration.ofMillis(150));
		CompletableFuture<DeliveryResult> second = this.queue.offer(DeliveryFixtures.event(2));
		time.advanceTimeBy(Duration.ofMillis(49));
		assertThat(this.queue.stats().requests()).isZero();
		time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(this.queue.stats().requests()).isOne();
		assertThat(outcome(first).isDelivered()).isTrue();
		assertThat(outcome(second).isDelivered()).isTrue();
		assertThat(batchRequests()).singleElement()
			.satisfies((request) -> assertThat(items(request.getBody())).hasSize(2));
	}

	@Test
	void convenienceMethodsQueueTheMatchingV2Actions(WireMockRuntimeInfo wm) {
		this.queue = DeliveryFixtures
			.queueBuilder(wm.getHttpBaseUrl(), 1, settings().maxBatch(5, 499_999).linger(Duration.ofHours(1)))
			.build();
		PersonIdentifier person = PersonIdentifier.id("42");
		List.of(this.queue.identify(person, Map.of("plan", "pro")), this.queue.track(person, "purchased", Map.of()),
				this.queue.addDevice(person, io.github.ciospring.customerio.track.Device.of("token-1",
						Platform.IOS)),
				this.queue.deleteDevice(person, "token-1"), this.queue.delete(person))
			.forEach(DeliveryFixtures::outcome);
		assertThat(batchRequests()).singleElement()
			.satisfies((request) -> assertThat(items(request.getBody()))
				.extracting((item) -> item.get("action").asString())
				.containsExactly("identify", "event", "add_device", "delete_device", "delete"));
	}

}
