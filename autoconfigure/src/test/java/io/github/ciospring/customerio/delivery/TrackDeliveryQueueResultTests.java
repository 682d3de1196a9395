package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.events;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.outcome;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Customer.io's answers to a batch mean for each of its operations.
 */
@WireMockTest
class TrackDeliveryQueueResultTests {

	private final RecordingFailureHandler failureHandler = new RecordingFailureHandler();

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
	}

	private List<CompletableFuture<DeliveryResult>> offerOneBatchOf(List<TrackOperation> operations, String baseUrl) {
		this.queue = DeliveryFixtures
			.queueBuilder(baseUrl, 3, settings().maxBatch(operations.size(), 499_999).linger(Duration.ofHours(1)))
			.failureHandler(this.failureHandler)
			.handlerScheduler(Schedulers.immediate())
			.build();
		return operations.stream().map(this.queue::offer).toList();
	}

	@Test
	void partialSuccessFailsOnlyTheRejectedItemsWithCustomerIosReasonAndSendsOnce(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(207)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"batch_index\":1,\"reason\":\"invalid\",\"field\":\"name\","
					+ "\"message\":\"name is too long\"}]}")));
		List<TrackOperation> operations = events(3);
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatchOf(operations, wm.getHttpBaseUrl());

		assertThat(outcome(handles.get(0)).isDelivered()).isTrue();
		assertThat(outcome(handles.get(2)).isDelivered()).isTrue();
		DeliveryFailure failure = outcome(handles.get(1)).failure();
		assertThat(failure.operation()).isSameAs(operations.get(1));
		assertThat(failure.kind()).isEqualTo(Kind.ITEM_REJECTED);
		assertThat(failure.statusCode()).isEqualTo(207);
		assertThat(failure.reason()).isEqualTo("invalid");
		assertThat(failure.field()).isEqualTo("name");
		assertThat(failure.message()).isEqualTo("name is too long");
		assertThat(this.failureHandler.failures).containsExactly(failure);
		verify(1, postRequestedFor(urlEqualTo(BATCH_PATH)));
		assertThat(this.queue.stats()).satisfies((stats) -> {
			assertThat(stats.delivered()).isEqualTo(2);
			assertThat(stats.failed()).isEqualTo(1);
			assertThat(stats.redeliveries()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403 })
	void refusedRequestFailsEveryItemWithTheStatusAndIsNotSentAgain(int status, WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"meta\":{\"error\":\"refused\"}}")));
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatchOf(events(2), wm.getHttpBaseUrl());

		assertThat(handles).allSatisfy((handle) -> {
			DeliveryFailure failure = outcome(handle).failure();
			assertThat(failure.kind()).isEqualTo(Kind.REQUEST_REJECTED);
			assertThat(failure.statusCode()).isEqualTo(status);
		});
		assertThat(this.failureHandler.failures).hasSize(2);
		verify(1, postRequestedFor(urlEqualTo(BATCH_PATH)));
	}

	@Test
	void anErrorOutsideTheBatchCountsNoUnnamedItemAsDelivered(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(207)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"batch_index\":0,\"reason\":\"invalid\"},"
					+ "{\"batch_index\":7,\"reason\":\"required\",\"field\":\"identifiers\"}]}")));
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatchOf(events(3), wm.getHttpBaseUrl());

		assertThat(outcome(handles.get(0)).failure().reason()).isEqualTo("invalid");
		assertThat(handles.subList(1, 3)).allSatisfy((handle) -> {
			DeliveryFailure failure = outcome(handle).failure();
			assertThat(failure.kind()).isEqualTo(Kind.ITEM_REJECTED);
			assertThat(failure.reason()).isEqualTo("required");
			assertThat(failure.field()).isEqualTo("identifiers");
			assertThat(failure.message()).contains("batch_index 7", "batch of 3");
		});
		assertThat(this.queue.stats().delivered()).isZero();
		assertThat(this.queue.stats().failed()).isEqualTo(3);
		verify(1, postRequestedFor(urlEqualTo(BATCH_PATH)));
	}

	@Test
	void aSuccessWhoseBodyCannotBeReadIsDeliveredAndNotSentAgain(WireMockRuntimeInfo wm) {
		stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\": not json")));
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatchOf(events(2), wm.getHttpBaseUrl());

		assertThat(handles).allSatisfy((handle) -> assertThat(outcome(handle).isDelivered()).isTrue());
		assertThat(this.failureHandler.failures).isEmpty();
		assertThat(this.queue.stats().redeliveries()).isZero();
		verify(1, postRequestedFor(urlEqualTo(BATCH_PATH)));
	}

}
