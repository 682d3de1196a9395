package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.events;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.outcome;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under server errors and connection resets, every accepted operation ends delivered or failed
 * ({@code accepted = delivered + failed}), and no event is accepted by the server twice: the ids the server
 * answered 200 for are exactly the delivered ones, each once.
 */
class TrackDeliveryQueueFaultTests {

	private static final FlakyBatchEndpoint server = new FlakyBatchEndpoint();

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(server))
		.build();

	private final RecordingFailureHandler failureHandler = new RecordingFailureHandler();

	private TrackDeliveryQueue queue;

	@AfterEach
	void close() {
		DeliveryFixtures.discard(this.queue);
	}

	private List<CompletableFuture<DeliveryResult>> deliver(List<TrackOperation> operations, int redeliveries) {
		wireMock.stubFor(post(BATCH_PATH).willReturn(ok("{}")));
		DeliveryFixtures.Settings settings = settings()
			.maxBatch(50, 499_999)
			.concurrency(4)
			.linger(Duration.ofMillis(2))
			.redeliveries(redeliveries, Duration.ofMillis(5));
		this.queue = DeliveryFixtures.queueBuilder(wireMock.baseUrl(), 3, settings)
			.failureHandler(this.failureHandler)
			.handlerScheduler(Schedulers.immediate())
			.build();
		return operations.stream().map(this.queue::offer).toList();
	}

	@Test
	void everyEventIsDeliveredExactlyOnceDespite5xxAndConnectionResets() {
		server.answer((n, ids) -> switch (n % 5) {
			case 1 -> Answer.SERVICE_UNAVAILABLE;
			case 3 -> Answer.CONNECTION_RESET;
			default -> Answer.ACCEPT;
		});
		List<TrackOperation> operations = events(2000);
		List<CompletableFuture<DeliveryResult>> handles = deliver(operations, 10);
		handles.forEach(DeliveryFixtures::outcome);

		assertThat(server.answered(Answer.SERVICE_UNAVAILABLE)).isPositive();
		assertThat(server.answered(Answer.CONNECTION_RESET)).isPositive();
		assertAcceptedEqualsDeliveredPlusFailed(2000);
		assertThat(this.queue.stats().delivered()).isEqualTo(2000);
		assertThat(server.acceptedIds()).containsOnlyKeys(ids(operations)).allSatisfy((id, times) -> assertThat(times).isOne());
	}

	@Test
	void operationsThatCannotBeDeliveredFailOnceAndAreNeverAlsoDelivered() {
		List<TrackOperation> operations = events(1000);
		String doomed = operations.get(0).id();
		// the batch holding the first event always fails; the others fail 3 times in 4
		server.answer((n, ids) -> (ids.contains(doomed)) ? Answer.SERVICE_UNAVAILABLE
				: (n % 4 == 0) ? Answer.ACCEPT : (n % 2 == 0) ? Answer.CONNECTION_RESET : Answer.SERVICE_UNAVAILABLE);
		List<CompletableFuture<DeliveryResult>> handles = deliver(operations, 1);

		Set<String> delivered = new HashSet<>();
		Set<String> failed = new HashSet<>();
		for (int i = 0; i < handles.size(); i++) {
			DeliveryResult result = outcome(handles.get(i));
			(result.isDelivered() ? delivered : failed).add(operations.get(i).id());
			if (!result.isDelivered()) {
				assertThat(result.failure().kind()).isEqualTo(Kind.RETRIES_EXHAUSTED);
			}
		}
		assertAcceptedEqualsDeliveredPlusFailed(1000);
		assertThat(failed).contains(doomed);
		assertThat(this.failureHandler.failures).extracting((failure) -> failure.operation().id())
			.containsExactlyInAnyOrderElementsOf(failed);
		assertThat(server.acceptedIds().keySet()).isEqualTo(delivered);
		assertThat(server.acceptedIds()).allSatisfy((id, times) -> assertThat(times).isOne());
	}

	private void assertAcceptedEqualsDeliveredPlusFailed(long accepted) {
		DeliveryStats stats = this.queue.stats();
		assertThat(stats.accepted()).isEqualTo(accepted);
		assertThat(stats.delivered() + stats.failed()).isEqualTo(stats.accepted());
		assertThat(stats.pending()).isZero();
		assertThat(stats.pendingBytes()).isZero();
	}

	private static Set<String> ids(List<TrackOperation> operations) {
		Set<String> ids = new HashSet<>();
		operations.forEach((operation) -> ids.add(operation.id()));
		return ids;
	}

	enum Answer {

		ACCEPT, SERVICE_UNAVAILABLE, CONNECTION_RESET

	}

	/**
	 * Answers each batch request as told by its number (from 1) and its event ids, and counts the ids of every
	 * batch it accepted.
	 */
	static final class FlakyBatchEndpoint implements ResponseDefinitionTransformerV2 {

		private volatile BiFunction<Integer, List<String>, Answer> answers = (n, ids) -> Answer.ACCEPT;

		private final AtomicInteger requests = new AtomicInteger();

		private final Map<Answer, AtomicInteger> answered = new ConcurrentHashMap<>();

		private final Map<String, Integer> acceptedIds = new ConcurrentHashMap<>();

		void answer(BiFunction<Integer, List<String>, Answer> answers) {
			this.requests.set(0);
			this.answered.clear();
			this.acceptedIds.clear();
			this.answers = answers;
		}

		int answered(Answer answer) {
			return this.answered.getOrDefault(answer, new AtomicInteger()).get();
		}

		Map<String, Integer> acceptedIds() {
			return Map.copyOf(this.acceptedIds);
		}

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			List<String> ids = DeliveryFixtures.ids(serveEvent.getRequest().getBody());
			Answer answer = this.answers.apply(this.requests.incrementAndGet(), ids);
			this.answered.computeIfAbsent(answer, (key) -> new AtomicInteger()).incrementAndGet();
			return switch (answer) {
				case ACCEPT -> {
					ids.forEach((id) -> this.acceptedIds.merge(id, 1, Integer::sum));
					yield ResponseDefinitionBuilder.responseDefinition().withStatus(200).withBody("{}").build();
				}
				case SERVICE_UNAVAILABLE -> ResponseDefinitionBuilder.responseDefinition().withStatus(503).build();
				case CONNECTION_RESET -> ResponseDefinitionBuilder.responseDefinition()
					.withFault(Fault.CONNECTION_RESET_BY_PEER)
					.build();
			};
		}

		@Override
		public String getName() {
			return "flaky-batch-endpoint";
		}

	}

}
