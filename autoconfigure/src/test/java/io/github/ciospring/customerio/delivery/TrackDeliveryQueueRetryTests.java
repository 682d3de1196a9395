package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.batchRequests;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.events;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.ids;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.outcome;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transient failures: the client's retries, then the queue's redeliveries, always with the same body bytes, so
 * events keep their ULID ids and Customer.io can drop repeats.
 */
@WireMockTest
class TrackDeliveryQueueRetryTests {

	private final RecordingFailureHandler failureHandler = new RecordingFailureHandler();

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
	}

	private List<CompletableFuture<DeliveryResult>> offerOneBatch(String baseUrl, int clientAttempts,
			int redeliveries) {
		DeliveryFixtures.Settings settings = settings()
			.maxBatch(3, 499_999)
			.linger(Duration.ofHours(1))
			.redeliveries(redeliveries, Duration.ofMillis(5));
		this.queue = DeliveryFixtures.queueBuilder(baseUrl, clientAttempts, settings)
			.failureHandler(this.failureHandler)
			.handlerScheduler(Schedulers.immediate())
			.build();
		return events(3).stream().map(this.queue::offer).toList();
	}

	/** Answers the batch path with the given responses in turn, then with the last one. */
	private static void answerInTurn(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
		String state = Scenario.STARTED;
		for (int i = 0; i < answers.length; i++) {
			String next = (i < answers.length - 1) ? "attempt-" + (i + 2) : state;
			stubFor(post(BATCH_PATH).inScenario("answers")
				.whenScenarioStateIs(state)
				.willReturn(answers[i])
				.willSetStateTo(next));
			state = next;
		}
	}

	@Test
	void clientRetrySendsTheSameBytes(WireMockRuntimeInfo wm) {
		answerInTurn(serviceUnavailable(), ok("{}"));
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatch(wm.getHttpBaseUrl(), 3, 0);

		assertThat(handles).allSatisfy((handle) -> assertThat(outcome(handle).isDelivered()).isTrue());
		assertThatAllRequestsCarryTheSameBody(2);
		assertThat(this.queue.stats().redeliveries()).isZero();
	}

	@Test
	void connectionResetIsRetriedWithTheSameBytes(WireMockRuntimeInfo wm) {
		answerInTurn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok("{}"));
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatch(wm.getHttpBaseUrl(), 3, 0);

		assertThat(handles).allSatisfy((handle) -> assertThat(outcome(handle).isDelivered()).isTrue());
		assertThatAllRequestsCarryTheSameBody(2);
	}

	@Test
	void batchIsRedeliveredWithTheSameBytesAfterTheClientGaveUp(WireMockRuntimeInfo wm) {
		answerInTurn(serviceUnavailable(), serviceUnavailable(), ok("{}"));
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatch(wm.getHttpBaseUrl(), 2, 3);

		assertThat(handles).allSatisfy((handle) -> assertThat(outcome(handle).isDelivered()).isTrue());
		assertThatAllRequestsCarryTheSameBody(3);
		assertThat(this.queue.stats().redeliveries()).isOne();
		assertThat(this.failureHandler.failures).isEmpty();
	}

	@Test
	void operationsFailWhenRedeliveriesAreExhausted(WireMockRuntimeInfo wm) {
		answerInTurn(serviceUnavailable());
		List<CompletableFuture<DeliveryResult>> handles = offerOneBatch(wm.getHttpBaseUrl(), 2, 1);

		assertThat(handles).allSatisfy((handle) -> {
			DeliveryFailure failure = outcome(handle).failure();
			assertThat(failure.kind()).isEqualTo(Kind.RETRIES_EXHAUSTED);
			assertThat(failure.statusCode()).isEqualTo(503);
		});
		assertThatAllRequestsCarryTheSameBody(4);
		assertThat(this.failureHandler.failures).hasSize(3);
		assertThat(this.queue.stats().failed()).isEqualTo(3);
	}

	private static void assertThatAllRequestsCarryTheSameBody(int requests) {
		List<LoggedRequest> sent = batchRequests();
		assertThat(sent).hasSize(requests);
		assertThat(sent).extracting(LoggedRequest::getBody).allSatisfy((body) -> {
			assertThat(body).isEqualTo(sent.get(0).getBody());
			assertThat(ids(body)).hasSize(3).doesNotHaveDuplicates();
		});
	}

}
