package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.delivery.DeliveryRejectedException.Reason;
import io.github.ciospring.customerio.track.TrackLimits;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.event;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.outcome;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The queue holds at most its capacity, in operations and in bytes, from acceptance to outcome; beyond it an
 * offer is refused, at once or after waiting, and counted.
 */
@WireMockTest
class TrackDeliveryQueueCapacityTests {

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
	}

	private void queue(WireMockRuntimeInfo wm, DeliveryFixtures.Settings settings) {
		this.queue = DeliveryFixtures.queueBuilder(wm.getHttpBaseUrl(), 1, settings)
			.build();
	}

	private static void answerAfter(Duration delay) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}").withFixedDelay((int) delay.toMillis())));
	}

	@Test
	void offerIsRefusedAtOnceWhenTheOperationCapacityIsHeld(WireMockRuntimeInfo wm) {
		answerAfter(Duration.ZERO);
		queue(wm, settings().capacity(2, 1024 * 1024).linger(Duration.ofHours(1)));
		this.queue.offer(event(1));
		this.queue.offer(event(2));

		assertThatExceptionOfType(DeliveryRejectedException.class).isThrownBy(() -> this.queue.offer(event(3)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.QUEUE_FULL))
			.withMessageContaining("full");
		assertThat(this.queue.stats()).satisfies((stats) -> {
			assertThat(stats.accepted()).isEqualTo(2);
			assertThat(stats.rejected()).isOne();
			assertThat(stats.pending()).isEqualTo(2);
		});
	}

	@Test
	void offerIsRefusedAtOnceWhenTheByteCapacityIsHeld(WireMockRuntimeInfo wm) {
		answerAfter(Duration.ZERO);
		queue(wm, settings().capacity(1000, DeliverySettings.MIN_CAPACITY_BYTES).linger(Duration.ofHours(1)));
		String blob = "x".repeat(25_000);
		this.queue.offer(TrackOperation.event(PersonIdentifier.id("1"), "viewed", Map.of("blob", blob)));
		this.queue.offer(TrackOperation.event(PersonIdentifier.id("2"), "viewed", Map.of("blob", blob)));

		assertThatExceptionOfType(DeliveryRejectedException.class)
			.isThrownBy(() -> this.queue
				.offer(TrackOperation.event(PersonIdentifier.id("3"), "viewed", Map.of("blob", blob))))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.QUEUE_FULL));
		assertThat(this.queue.offer(event(4))).isNotNull();
		assertThat(this.queue.stats().pendingBytes()).isLessThanOrEqualTo(DeliverySettings.MIN_CAPACITY_BYTES);
	}

	@Test
	void offerOfAnOversizedOperationFailsWithTheLimitAndIsCountedAsRejected(WireMockRuntimeInfo wm) {
		answerAfter(Duration.ZERO);
		queue(wm, settings());
		TrackOperation oversized = TrackOperation.event(PersonIdentifier.id("1"), "viewed",
				Map.of("blob", "x".repeat(TrackLimits.MAX_OPERATION_BYTES)));

		assertThatExceptionOfType(CustomerIoValidationException.class).isThrownBy(() -> this.queue.offer(oversized))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("operation"));
		assertThat(this.queue.stats().rejected()).isOne();
		assertThat(this.queue.stats().accepted()).isZero();
	}

	@Test
	void offerWaitsForSpaceUpToTheOfferTimeout(WireMockRuntimeInfo wm) {
		answerAfter(Duration.ofMillis(300));
		queue(wm, settings().capacity(1, 1024 * 1024).linger(Duration.ZERO).offerTimeout(Duration.ofSeconds(10)));
		CompletableFuture<DeliveryResult> first = this.queue.offer(event(1));

		CompletableFuture<DeliveryResult> second = this.queue.offer(event(2));
		long deliveredWhenAccepted = this.queue.stats().delivered();

		assertThat(deliveredWhenAccepted).as("space frees only when the first settles").isOne();
		assertThat(outcome(first).isDelivered()).isTrue();
		assertThat(outcome(second).isDelivered()).isTrue();
		assertThat(this.queue.stats().rejected()).isZero();
	}

	@Test
	void offerIsRefusedWhenNoSpaceFreesWithinTheOfferTimeout(WireMockRuntimeInfo wm) {
		answerAfter(Duration.ofSeconds(5));
		queue(wm, settings().capacity(1, 1024 * 1024).linger(Duration.ZERO).offerTimeout(Duration.ofMillis(50)));
		CompletableFuture<DeliveryResult> first = this.queue.offer(event(1));

		assertThatExceptionOfType(DeliveryRejectedException.class).isThrownBy(() -> this.queue.offer(event(2)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.QUEUE_FULL));
		assertThat(first).isNotDone();
		assertThat(this.queue.stats().rejected()).isOne();
	}

	@Test
	void offerNeverWaitsOnANonBlockingThread(WireMockRuntimeInfo wm) {
		answerAfter(Duration.ofSeconds(5));
		queue(wm, settings().capacity(1, 1024 * 1024).linger(Duration.ZERO).offerTimeout(Duration.ofSeconds(30)));
		CompletableFuture<DeliveryResult> first = this.queue.offer(event(1));

		Throwable refusal = Mono.fromCallable(() -> this.queue.offer(event(2)))
			.subscribeOn(Schedulers.parallel())
			.then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(Duration.ofSeconds(20));

		assertThat(refusal).isInstanceOfSatisfying(DeliveryRejectedException.class,
				(ex) -> assertThat(ex.getReason()).isEqualTo(Reason.QUEUE_FULL));
		assertThat(first).as("refused while the space was still held").isNotDone();
	}

}
