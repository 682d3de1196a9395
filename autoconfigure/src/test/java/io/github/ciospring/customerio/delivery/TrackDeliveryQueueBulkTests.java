package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import io.github.ciospring.customerio.delivery.DeliveryRejectedException.Reason;
import io.github.ciospring.customerio.track.TrackLimits;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.event;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk imports read the stream only as fast as the queue makes room, and account for every operation read.
 */
@WireMockTest
class TrackDeliveryQueueBulkTests {

	private final RecordingFailureHandler failureHandler = new RecordingFailureHandler();

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
	}

	private void queue(WireMockRuntimeInfo wm, DeliveryFixtures.Settings settings) {
		this.queue = DeliveryFixtures.queueBuilder(wm.getHttpBaseUrl(), 1, settings)
			.failureHandler(this.failureHandler)
			.handlerScheduler(Schedulers.boundedElastic())
			.build();
	}

	@Test
	void streamMuchLargerThanTheCapacityIsDeliveredWithoutARejection(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings().capacity(40, 1024 * 1024).maxBatch(10, 499_999));
		AtomicLong peakPending = new AtomicLong();
		Flux<TrackOperation> operations = Flux.range(0, 2000)
			.map(DeliveryFixtures::event)
			.doOnNext((operation) -> peakPending.accumulateAndGet(this.queue.stats().pending(), Math::max));

		StepVerifier.create(this.queue.deliverAll(operations))
			.assertNext((summary) -> {
				assertThat(summary.total()).isEqualTo(2000);
				assertThat(summary.delivered()).isEqualTo(2000);
				assertThat(summary.failed()).isZero();
			})
			.verifyComplete();
		assertThat(peakPending.get()).as("a bulk import holds at most half the capacity").isLessThanOrEqualTo(20);
		assertThat(this.queue.stats().rejected()).isZero();
		assertThat(this.queue.stats().accepted()).isEqualTo(2000);
	}

	@Test
	void progressEndsWithTheFinalCounts(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings());
		List<BulkProgress> reports = new CopyOnWriteArrayList<>();

		this.queue.deliverAll(Flux.range(0, 300).map(DeliveryFixtures::event), reports::add)
			.block(Duration.ofSeconds(20));

		assertThat(reports).last().isEqualTo(new BulkProgress(300, 0, 300, true));
		assertThat(reports).filteredOn(BulkProgress::finished).hasSize(1);
	}

	@Test
	void invalidOperationFailsToTheHandlerAndTheImportGoesOn(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings());
		TrackOperation oversized = TrackOperation.event(PersonIdentifier.id("1"), "viewed",
				Map.of("blob", "x".repeat(TrackLimits.MAX_OPERATION_BYTES)));

		BulkSummary summary = this.queue.deliverAll(Flux.just(event(1), oversized, event(2)))
			.block(Duration.ofSeconds(20));

		assertThat(summary.total()).isEqualTo(3);
		assertThat(summary.delivered()).isEqualTo(2);
		assertThat(summary.failed()).isOne();
		org.awaitility.Awaitility.await()
			.untilAsserted(() -> assertThat(this.failureHandler.failures).singleElement().satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(Kind.INVALID_OPERATION);
				assertThat(failure.operation()).isSameAs(oversized);
				assertThat(failure.field()).isEqualTo("operation");
			}));
		assertThat(this.queue.stats().rejected()).isOne();
	}

	@Test
	void operationThatCannotBeWrittenAsJsonFailsToTheHandlerAndTheImportGoesOn(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings());
		// within every documented limit and written once when it was created, but writing it again to send it fails
		// (as a lazily loaded entity whose session closed in between does)
		TrackOperation unwritable = TrackOperation.event(PersonIdentifier.id("1"), "viewed",
				Map.of("thing", new WritableOnce("a")));

		BulkSummary summary = this.queue.deliverAll(Flux.just(event(1), unwritable, event(2)))
			.block(Duration.ofSeconds(20));

		assertThat(summary.total()).isEqualTo(3);
		assertThat(summary.delivered()).isEqualTo(2);
		assertThat(summary.failed()).isOne();
		org.awaitility.Awaitility.await()
			.untilAsserted(() -> assertThat(this.failureHandler.failures).singleElement().satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(Kind.INVALID_OPERATION);
				assertThat(failure.operation()).isSameAs(unwritable);
			}));
		assertThat(this.queue.stats().rejected()).isOne();
	}

	/** A value whose JSON can be written once: the second time its getter fails. */
	static final class WritableOnce {

		private final String name;

		private final AtomicInteger reads = new AtomicInteger();

		WritableOnce(String name) {
			this.name = name;
		}

		public String getName() {
			if (this.reads.incrementAndGet() > 1) {
				throw new IllegalStateException("not loaded");
			}
			return this.name;
		}

	}

	@Test
	void shutdownEndsAWaitingImportWithARejectionAfterSettlingWhatItQueued(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		queue(wm, settings().capacity(10, 1024 * 1024).linger(Duration.ofHours(1)));
		List<BulkProgress> reports = new CopyOnWriteArrayList<>();
		CompletableFuture<BulkSummary> result = this.queue
			.deliverAll(Flux.range(0, 100).map(DeliveryFixtures::event), reports::add)
			.toFuture();
		org.awaitility.Awaitility.await().until(() -> this.queue.stats().pending() == 5);

		this.queue.shutdown(Duration.ofSeconds(10)).join();

		assertThat(result).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOfSatisfying(DeliveryRejectedException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(Reason.SHUTTING_DOWN));
		assertThat(reports).last().isEqualTo(new BulkProgress(5, 0, 6, true));
	}

}
