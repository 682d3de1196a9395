package io.github.ciospring.customerio.autoconfigure.delivery;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.delivery.DeliveryResult;
import io.github.ciospring.customerio.delivery.JdbcDeliveryStore;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code customerio.delivery.store=jdbc}: the outbox on the application's DataSource, its schema, and the
 * startup errors that name what to fix.
 */
@WireMockTest
class CustomerIoOutboxAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class, CustomerIoDeliveryAutoConfiguration.class))
		.withBean(DataSource.class, () -> {
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			return h2;
		});

	private ApplicationContextRunner withTrack(String baseUrl) {
		return this.runner.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key",
				"customerio.track.base-url=" + baseUrl);
	}

	private static String h2() {
		return "customerio.delivery.linger=1ms";
	}

	@Test
	void theMemoryStoreIsTheDefault(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl()).withPropertyValues(h2()).run((context) -> {
			assertThat(context).doesNotHaveBean(JdbcDeliveryStore.class);
			assertThat(context.getBean(TrackDeliveryQueue.class).store().getClass().getSimpleName())
				.isEqualTo("MemoryDeliveryStore");
		});
	}

	@Test
	void withJdbcTheEmbeddedDatabaseGetsTheTableAndOffersGoThroughIt(WireMockRuntimeInfo wm) {
		stubFor(post(urlEqualTo("/api/v2/batch")).willReturn(ok("{}")));
		withTrack(wm.getHttpBaseUrl()).withPropertyValues(h2(), "customerio.delivery.store=jdbc").run((context) -> {
			TrackDeliveryQueue queue = context.getBean(TrackDeliveryQueue.class);
			assertThat(queue.store()).isSameAs(context.getBean(JdbcDeliveryStore.class));

			DeliveryResult result = queue.identify(PersonIdentifier.id("1"), java.util.Map.of("plan", "pro")).join();

			assertThat(result.status()).isEqualTo(DeliveryResult.Status.STORED);
			await().atMost(Duration.ofSeconds(30)).until(() -> queue.stats().delivered() == 1);
			DeliveryQueueStatus status = context.getBean("trackDeliveryQueueStatus", DeliveryQueueStatus.class);
			assertThat(status.store()).isEqualTo("jdbc");
		});
	}

	@Test
	void theTablePrefixNamesTheTable(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl())
			.withPropertyValues(h2(), "customerio.delivery.store=jdbc", "customerio.delivery.jdbc.table-prefix=APP_")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcDeliveryStore.class).tableName()).isEqualTo("APP_DELIVERY_OUTBOX");
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM APP_DELIVERY_OUTBOX", Long.class)).isZero();
			});
	}

	@Test
	void withoutADataSourceStartupFailsNamingTheProperty(WireMockRuntimeInfo wm) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
					CustomerIoTrackAutoConfiguration.class, CustomerIoDeliveryAutoConfiguration.class))
			.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key",
					"customerio.track.base-url=" + wm.getHttpBaseUrl(), "customerio.delivery.store=jdbc")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("customerio.delivery.store=jdbc")
				.hasMessageContaining("DataSource"));
	}

	@Test
	void aMissingTableWithInitializationOffFailsNamingTheScript(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl())
			.withPropertyValues(h2(), "customerio.delivery.store=jdbc", "customerio.delivery.jdbc.initialize-schema=never")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Customer.io delivery outbox table CUSTOMERIO_DELIVERY_OUTBOX cannot be read")
				.hasStackTraceContaining("create it with classpath:io/github/ciospring/customerio/delivery/schema-h2.sql"));
	}

}
