package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.delivery.DeliveryFailure.Kind;
import io.github.ciospring.customerio.delivery.DeliveryFixtures.RecordingFailureHandler;
import io.github.ciospring.customerio.track.TrackOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.BATCH_PATH;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.event;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.events;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on a real database: what an offer stores, when it is sent, and that every row ends delivered or
 * handed to the failure handler, then removed. Each database runs the same specification.
 */
abstract class JdbcDeliveryStoreContract {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final RecordingFailureHandler failureHandler = new RecordingFailureHandler();

	private final List<TrackDeliveryQueue> queues = new ArrayList<>();

	private JdbcTemplate jdbc;

	/** The database; the outbox table is created by the test. */
	protected abstract DataSource dataSource();

	/** The platform's schema script. */
	protected abstract String platform();

	@BeforeEach
	void createTable() {
		this.jdbc = new JdbcTemplate(dataSource());
		new ResourceDatabasePopulator(
				new ClassPathResource("io/github/ciospring/customerio/delivery/schema-" + platform() + ".sql"))
			.execute(dataSource());
		this.jdbc.update("DELETE FROM CUSTOMERIO_DELIVERY_OUTBOX");
		wireMock.stubFor(post(BATCH_PATH).willReturn(ok("{}")));
	}

	@AfterEach
	void discardQueues() {
		this.queues.forEach(DeliveryFixtures::discard);
	}

	private TrackDeliveryQueue queue(Duration pollInterval) {
		JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource()).pollInterval(pollInterval).build();
		TrackDeliveryQueue queue = DeliveryFixtures
			.queueBuilder(wireMock.baseUrl(), 1, settings().maxBatch(100, 499_999).redeliveries(0, Duration.ZERO))
			.store(store)
			.failureHandler(this.failureHandler)
			.build();
		this.queues.add(queue);
		return queue;
	}

	private long rows() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM CUSTOMERIO_DELIVERY_OUTBOX", Long.class);
	}

	/** Every event id the server received, with how often. */
	private static Map<String, Integer> received() {
		Map<String, Integer> counts = new HashMap<>();
		for (LoggedRequest request : wireMock.findAll(postRequestedFor(urlEqualTo(BATCH_PATH)))) {
			DeliveryFixtures.ids(request.getBody()).forEach((id) -> counts.merge(id, 1, Integer::sum));
		}
		return counts;
	}

	private static DeliveryResult result(CompletableFuture<DeliveryResult> handle) {
		return handle.orTimeout(30, TimeUnit.SECONDS).join();
	}

	@Test
	void offeredEventsAreStoredThenDeliveredOnceAndRemoved() {
		TrackDeliveryQueue queue = queue(Duration.ofHours(1));
		List<TrackOperation> operations = events(250);
		List<CompletableFuture<DeliveryResult>> handles = operations.stream().map(queue::offer).toList();

		assertThat(handles).allSatisfy((handle) -> assertThat(result(handle).status())
			.isEqualTo(DeliveryResult.Status.STORED));
		await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0 && queue.stats().delivered() == 250);
		Map<String, Integer> received = received();
		assertThat(received).containsOnlyKeys(operations.stream().map(TrackOperation::id).toList());
		assertThat(received.values()).containsOnly(1);
		assertThat(this.failureHandler.failures).isEmpty();
	}

	@Test
	void anOfferInATransactionIsSentAtCommitWithoutWaitingForThePoll() {
		TrackDeliveryQueue queue = queue(Duration.ofHours(1));
		queue.offer(event(0));
		await().atMost(Duration.ofSeconds(30)).until(() -> queue.stats().delivered() == 1);
		TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource()));

		CompletableFuture<DeliveryResult> handle = transaction.execute((status) -> {
			CompletableFuture<DeliveryResult> offered = queue.offer(event(1));
			assertThat(offered).isNotDone();
			return offered;
		});

		assertThat(result(handle).status()).isEqualTo(DeliveryResult.Status.STORED);
		await().atMost(Duration.ofSeconds(30)).until(() -> queue.stats().delivered() == 2);
		assertThat(rows()).isZero();
	}

	@Test
	void aRollbackDiscardsTheOperation() {
		TrackDeliveryQueue queue = queue(Duration.ofMillis(20));
		TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource()));

		CompletableFuture<DeliveryResult> handle = transaction.execute((status) -> {
			CompletableFuture<DeliveryResult> offered = queue.offer(event(0));
			assertThat(rows()).isEqualTo(1);
			status.setRollbackOnly();
			return offered;
		});

		assertThat(result(handle).status()).isEqualTo(DeliveryResult.Status.DISCARDED);
		assertThat(rows()).isZero();
		TrackOperation committed = event(1);
		queue.offer(committed);
		await().atMost(Duration.ofSeconds(30)).until(() -> queue.stats().delivered() == 1);
		assertThat(received()).containsOnlyKeys(committed.id());
	}

	@Test
	void rowsLeftByAnEarlierInstanceAreDeliveredByTheNextOneAfterItsPoll() {
		TrackDeliveryQueue first = queue(Duration.ofHours(1));
		first.shutdown(Duration.ZERO).join();
		JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource()).build();
		TrackOperation leftOver = event(7);
		this.jdbc.update(
				"INSERT INTO CUSTOMERIO_DELIVERY_OUTBOX (OPERATION, CREATED_AT, CLAIMED_UNTIL) VALUES (?, ?, 0)",
				DeliveryFixtures.trackClient(wireMock.baseUrl(), 1).encodeOperation(leftOver), 0L);
		assertThat(store.platform().id()).isEqualTo(platform());

		TrackDeliveryQueue next = queue(Duration.ofMillis(50));

		await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0);
		assertThat(next.stats().delivered()).isEqualTo(1);
		assertThat(received()).containsOnlyKeys(leftOver.id());
	}

	@Test
	void twoInstancesOnOneOutboxDeliverEachEventOnce() {
		TrackDeliveryQueue one = queue(Duration.ofMillis(10));
		TrackDeliveryQueue two = queue(Duration.ofMillis(10));
		List<TrackOperation> operations = events(2000);
		// in transactions of 100, as an application commits them: 2,000 commits of one row each, every one an fsync,
		// took 10-25 s of the test's time on a loaded machine
		TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource()));
		for (int from = 0; from < operations.size(); from += 100) {
			List<TrackOperation> chunk = operations.subList(from, from + 100);
			transaction.executeWithoutResult((status) -> {
				for (int i = 0; i < chunk.size(); i++) {
					((i % 2 == 0) ? one : two).offer(chunk.get(i));
				}
			});
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(rows()).as("rows left").isZero();
			assertThat(one.stats().delivered() + two.stats().delivered()).as("delivered").isEqualTo(2000);
		});
		Map<String, Integer> received = received();
		assertThat(received).hasSize(2000);
		assertThat(received.values()).containsOnly(1);
	}

	@Test
	void aPartialSuccessRemovesEveryRowAndHandsTheRejectedOperationOverAsItWasOffered() {
		wireMock.stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(207)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"batch_index\":1,\"reason\":\"invalid\",\"field\":\"name\"}]}")));
		TrackDeliveryQueue queue = queue(Duration.ofHours(1));
		List<TrackOperation> operations = events(3);
		TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource()));
		transaction.executeWithoutResult((status) -> operations.forEach(queue::offer));

		await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0 && queue.stats().failed() == 1);
		assertThat(queue.stats().delivered()).isEqualTo(2);
		assertThat(this.failureHandler.failures).singleElement().satisfies((failure) -> {
			assertThat(failure.kind()).isEqualTo(Kind.ITEM_REJECTED);
			assertThat(failure.operation()).isEqualTo(operations.get(1));
		});
		wireMock.verify(1, postRequestedFor(urlEqualTo(BATCH_PATH)));
	}

	@Test
	void aRefusedBatchGoesToTheFailureHandlerAndIsRemoved() {
		wireMock.stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(401)));
		TrackDeliveryQueue queue = queue(Duration.ofHours(1));
		List<TrackOperation> operations = events(5);
		operations.forEach(queue::offer);

		await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0 && queue.stats().failed() == 5);
		assertThat(this.failureHandler.failures).extracting(DeliveryFailure::operation)
			.containsExactlyInAnyOrderElementsOf(operations);
		assertThat(this.failureHandler.failures).extracting(DeliveryFailure::kind).containsOnly(Kind.REQUEST_REJECTED);
	}

	@Test
	void nothingIsFailedAtShutdown() {
		wireMock.stubFor(post(BATCH_PATH).willReturn(ok("{}").withFixedDelay(5_000)));
		TrackDeliveryQueue queue = queue(Duration.ofHours(1));
		events(20).forEach(queue::offer);
		await().atMost(Duration.ofSeconds(30)).until(() -> queue.stats().requests() > 0);

		queue.shutdown(Duration.ofMillis(100)).orTimeout(10, TimeUnit.SECONDS).join();

		assertThat(rows()).isEqualTo(20);
		assertThat(this.failureHandler.failures).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT MAX(CLAIMED_UNTIL) FROM CUSTOMERIO_DELIVERY_OUTBOX", Long.class))
			.as("claims released for the next start").isZero();
	}

	@Test
	void anImportIsStoredInBatchesThenDelivered() {
		TrackDeliveryQueue queue = queue(Duration.ofHours(1));
		List<BulkProgress> progress = new ArrayList<>();

		BulkSummary summary = queue.deliverAll(Flux.fromIterable(events(1050)), progress::add)
			.block(Duration.ofSeconds(20));

		assertThat(summary.delivered()).isEqualTo(1050);
		assertThat(summary.total()).isEqualTo(1050);
		assertThat(progress).last().satisfies((last) -> assertThat(last.finished()).isTrue());
		await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0 && queue.stats().delivered() == 1050);
		assertThat(received()).hasSize(1050);
	}

	@Test
	void theDepthAndTheOldestAgeAreMeasuredOnThePoll() {
		wireMock.stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(503)));
		TrackDeliveryQueue queue = queue(Duration.ofMillis(20));
		new JdbcTemplate(dataSource()).update(
				"INSERT INTO CUSTOMERIO_DELIVERY_OUTBOX (OPERATION, CREATED_AT, CLAIMED_UNTIL) VALUES (?, ?, ?)",
				DeliveryFixtures.trackClient(wireMock.baseUrl(), 1).encodeOperation(event(1)),
				System.currentTimeMillis() - 60_000, Long.MAX_VALUE);

		await().atMost(Duration.ofSeconds(30)).until(() -> queue.store().depth() == 1);
		assertThat(queue.store().oldestAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void aMissingTableIsReportedWithTheScriptToRun() {
		JdbcDeliveryStore store = JdbcDeliveryStore.builder(dataSource()).tableName("NO_SUCH_OUTBOX").build();

		assertThatIllegalStateException().isThrownBy(store::verifyTable)
			.withMessageContaining("NO_SUCH_OUTBOX")
			.withMessageContaining("schema-" + platform() + ".sql")
			.withMessageContaining("customerio.delivery.jdbc.initialize-schema");
	}

}
