package io.github.ciospring.customerio.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.ciospring.customerio.track.TrackOperation;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.events;
import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outbox batch keeps its request slot from its claim until its rows are deleted, through a redelivery and the
 * delete after the answer: an instance never holds more than {@code concurrency} claimed batches, so a crash
 * repeats no more than those (the bound {@link OutboxCrashTests} checks).
 */
class OutboxSlotTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private TrackDeliveryQueue queue;

	@BeforeEach
	void createTable() {
		this.dataSource.setURL("jdbc:h2:mem:outbox-slots-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("io/github/ciospring/customerio/delivery/schema-h2.sql"))
			.execute(this.dataSource);
	}

	@AfterEach
	void discard() {
		DeliveryFixtures.discard(this.queue);
	}

	private TrackDeliveryQueue queue(DeliveryFailureHandler failureHandler, int redeliveries, Duration delay) {
		JdbcDeliveryStore store = JdbcDeliveryStore.builder(this.dataSource).pollInterval(Duration.ofMillis(10)).build();
		this.queue = DeliveryFixtures
			.queueBuilder(wireMock.baseUrl(), 1, settings().maxBatch(100, 499_999).concurrency(1)
				.redeliveries(redeliveries, delay))
			.store(store)
			.failureHandler(failureHandler)
			.build();
		return this.queue;
	}

	private long rows() {
		return new JdbcTemplate(this.dataSource).queryForObject("SELECT COUNT(*) FROM CUSTOMERIO_DELIVERY_OUTBOX",
				Long.class);
	}

	/** Commits the operations at once: the first claim finds a full batch. */
	private void offerInOneTransaction(TrackDeliveryQueue queue, List<TrackOperation> operations) {
		new TransactionTemplate(new JdbcTransactionManager(this.dataSource))
			.executeWithoutResult((status) -> operations.forEach(queue::offer));
	}

	private static int requests() {
		return wireMock.findAll(postRequestedFor(urlEqualTo(BATCH_PATH))).size();
	}

	@Test
	void aBatchKeepsItsSlotUntilItsRowsAreDeleted() throws InterruptedException {
		// every batch has one rejected item: the failure handler sees it before the rows are deleted
		wireMock.stubFor(post(BATCH_PATH).willReturn(aResponse().withStatus(207)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"batch_index\":0,\"reason\":\"invalid\"}]}")));
		CountDownLatch handlerMayReturn = new CountDownLatch(1);
		CountDownLatch handlerCalled = new CountDownLatch(1);
		TrackDeliveryQueue queue = queue((failure) -> {
			handlerCalled.countDown();
			awaitQuietly(handlerMayReturn);
		}, 0, Duration.ZERO);

		offerInOneTransaction(queue, events(150));
		assertThat(handlerCalled.await(30, TimeUnit.SECONDS)).isTrue();

		// the first batch is answered, its delete waits for the handler: the only slot is still taken
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> requests() == 1);
		assertThat(rows()).isEqualTo(150);
		handlerMayReturn.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0);
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void aBatchWaitingToBeSentAgainKeepsItsSlot() {
		wireMock.stubFor(post(BATCH_PATH).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
		wireMock.stubFor(post(BATCH_PATH).inScenario("outage").whenScenarioStateIs("up").willReturn(ok("{}")));
		TrackDeliveryQueue queue = queue((failure) -> {
		}, 1, Duration.ofMillis(300));
		List<TrackOperation> operations = events(150);

		offerInOneTransaction(queue, operations);

		await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0);
		List<byte[]> bodies = wireMock.findAll(postRequestedFor(urlEqualTo(BATCH_PATH))).stream()
			.map((request) -> request.getBody())
			.toList();
		assertThat(bodies).hasSize(3);
		assertThat(bodies.get(1)).as("the refused batch is sent again before another is claimed")
			.isEqualTo(bodies.get(0));
		assertThat(DeliveryFixtures.ids(bodies.get(0))).hasSize(100);
		assertThat(queue.stats().redeliveries()).isEqualTo(1);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
