package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import io.github.ciospring.customerio.delivery.DeliveryRejectedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.batchRequests;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.event;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.events;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.items;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.outcome;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shutdown stops accepting, delivers what is held without waiting for batches to fill, and fails whatever is
 * left at the deadline to the failure handler, so every accepted operation ends delivered or failed.
 */
@WireMockTest
@ExtendWith(OutputCaptureExtension.class)
class TrackDeliveryQueueShutdownTests {

	private final RecordingFailureHandler failureHandler = new RecordingFailureHandler();

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
	}

	private void queue(WireMockRuntimeInfo wm, DeliveryFixtures.Settings settings) {
		this.queue = DeliveryFixtures.queueBuilder(wm.getHttpBaseUrl(), 1, settings)
			.failureHandler(this.failureHandler)
			.build();
	}

	@Test
	void shutdownDeliversWhatIsHeldWithoutWaitingForTheLinger(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings().linger(Duration.ofHours(1)));
		List<CompletableFuture<DeliveryResult>> handles = events(5).stream().map(this.queue::offer).toList();

		this.queue.shutdown(Duration.ofSeconds(10)).orTimeout(10, TimeUnit.SECONDS).join();

		assertThat(handles).allSatisfy((handle) -> assertThat(handle.getNow(null)).isEqualTo(DeliveryResult.delivered()));
		assertThat(batchRequests()).singleElement()
			.satisfies((request) -> assertThat(items(request.getBody())).hasSize(5));
		assertThat(this.queue.stats()).satisfies((stats) -> {
			assertThat(stats.delivered()).isEqualTo(5);
			assertThat(stats.pending()).isZero();
		});
	}

	@Test
	void offerIsRefusedOnceShutdownBegan(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings());
		this.queue.shutdown(Duration.ofSeconds(10));

		assertThat(this.queue.isAccepting()).isFalse();
		assertThatExceptionOfType(DeliveryRejectedException.class).isThrownBy(() -> this.queue.offer(event(1)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.SHUTTING_DOWN));
		assertThat(this.queue.stats().rejected()).isOne();
	}

	@Test
	void whatIsLeftAtTheDrainDeadlineFailsToTheHandler(WireMockRuntimeInfo wm, CapturedOutput output) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}").withFixedDelay(10_000)));
		queue(wm, settings().maxBatch(2, 499_999).concurrency(1).linger(Duration.ofHours(1)));
		List<CompletableFuture<DeliveryResult>> handles = events(5).stream().map(this.queue::offer).toList();

		this.queue.shutdown(Duration.ofMillis(300)).orTimeout(10, TimeUnit.SECONDS).join();

		assertThat(handles).allSatisfy((handle) -> {
			DeliveryResult result = handle.getNow(null);
			assertThat(result.failure().kind()).isEqualTo(Kind.DRAIN_TIMEOUT);
		});
		assertThat(this.failureHandler.failures).hasSize(5);
		assertThat(this.queue.stats()).satisfies((stats) -> {
			assertThat(stats.accepted()).isEqualTo(5);
			assertThat(stats.failed()).isEqualTo(5);
			assertThat(stats.pending()).isZero();
		});
		assertThat(output).contains("Customer.io delivery queue shut down: 5 operations were handed to the failure"
				+ " handler in all {DRAIN_TIMEOUT=5}");
	}

	@Test
	void shutdownWaitsForTheFailureHandler(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}").withFixedDelay(10_000)));
		List<DeliveryFailure> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.queue = DeliveryFixtures.queueBuilder(wm.getHttpBaseUrl(), 1, settings().linger(Duration.ofHours(1)))
			.failureHandler((failure) -> {
				sleep(200);
				handled.add(failure);
			})
			.build();
		events(3).forEach(this.queue::offer);

		this.queue.shutdown(Duration.ZERO).orTimeout(10, TimeUnit.SECONDS).join();

		assertThat(handled).hasSize(3);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void closeDrainsLikeShutdownWithTheConfiguredTimeout(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings().linger(Duration.ofHours(1)));
		CompletableFuture<DeliveryResult> handle = this.queue.offer(event(1));

		this.queue.close();

		assertThat(outcome(handle).isDelivered()).isTrue();
	}

}
