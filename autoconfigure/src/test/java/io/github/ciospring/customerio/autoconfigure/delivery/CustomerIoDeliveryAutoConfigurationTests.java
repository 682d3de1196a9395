package io.github.ciospring.customerio.autoconfigure.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import io.github.ciospring.customerio.delivery.DeliveryFailure;
import io.github.ciospring.customerio.delivery.DeliveryFailureHandler;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.delivery.DeliveryResult;
import io.github.ciospring.customerio.delivery.DeliverySettings;
import io.github.ciospring.customerio.delivery.LoggingDeliveryFailureHandler;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.track.TrackClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class CustomerIoDeliveryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class, CustomerIoDeliveryAutoConfiguration.class));

	private ApplicationContextRunner withTrack(String baseUrl) {
		return this.runner.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key",
				"customerio.track.base-url=" + baseUrl);
	}

	@Test
	void queueFailureHandlerAndLifecycleAreCreatedWithTheTrackClient(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl()).run((context) -> {
			assertThat(context).hasSingleBean(TrackDeliveryQueue.class);
			assertThat(context).hasSingleBean(TrackDeliveryQueueLifecycle.class);
			assertThat(context).getBean(DeliveryFailureHandler.class).isInstanceOf(LoggingDeliveryFailureHandler.class);
		});
	}

	@Test
	void theInMemoryQueueNeedsNeitherJdbcNorBootsSqlSupport(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl())
			.withClassLoader(new FilteredClassLoader("org.springframework.jdbc", "org.springframework.boot.jdbc",
					"org.springframework.boot.sql"))
			.withPropertyValues("customerio.delivery.jdbc.initialize-schema=never")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(TrackDeliveryQueue.class);
				assertThat(context.getBean(CustomerIoDeliveryProperties.class).jdbc().initializeSchema())
					.isEqualTo(CustomerIoDeliveryProperties.InitializeSchema.NEVER);
			});
	}

	@Test
	void theQueueReportsItsFillAsTheTrackDeliveryQueueStatus(WireMockRuntimeInfo wm) {
		stubFor(post(urlEqualTo("/api/v2/batch")).willReturn(ok("{}")));
		withTrack(wm.getHttpBaseUrl())
			.withPropertyValues("customerio.delivery.capacity-items=5000", "customerio.delivery.linger=1m")
			.run((context) -> {
				DeliveryQueueStatus status = context.getBean("trackDeliveryQueueStatus", DeliveryQueueStatus.class);
				TrackDeliveryQueue queue = context.getBean(TrackDeliveryQueue.class);
				queue.identify(PersonIdentifier.id("1"), Map.of());
				queue.identify(PersonIdentifier.id("2"), Map.of());

				assertThat(status.name()).isEqualTo("track");
				assertThat(status.capacity()).isEqualTo(5000);
				assertThat(status.size()).isEqualTo(2);
			});
	}

	@Test
	void noQueueWithoutATrackClient() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(TrackClient.class);
			assertThat(context).doesNotHaveBean(TrackDeliveryQueue.class);
		});
	}

	@Test
	void noQueueWhenDeliveryIsDisabled(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl()).withPropertyValues("customerio.delivery.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(TrackClient.class);
			assertThat(context).doesNotHaveBean(TrackDeliveryQueue.class);
			assertThat(context).doesNotHaveBean(TrackDeliveryQueueLifecycle.class);
		});
	}

	@Test
	void defaultsAreTheDocumentedDeliverySettings(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl()).run((context) -> assertThat(context.getBean(TrackDeliveryQueue.class).settings())
			.isEqualTo(DeliverySettings.defaults()));
	}

	@Test
	void propertiesBindToTheQueueSettings(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl())
			.withPropertyValues("customerio.delivery.capacity-items=5000", "customerio.delivery.capacity-bytes=8MB",
					"customerio.delivery.max-batch-items=250", "customerio.delivery.max-batch-bytes=256KB",
					"customerio.delivery.linger=50ms", "customerio.delivery.concurrency=4",
					"customerio.delivery.offer-timeout=100ms", "customerio.delivery.drain-timeout=5s",
					"customerio.delivery.redelivery-attempts=1", "customerio.delivery.redelivery-delay=2s")
			.run((context) -> assertThat(context.getBean(TrackDeliveryQueue.class).settings())
				.isEqualTo(new DeliverySettings(5000, 8L * 1024 * 1024, 250, 256 * 1024, Duration.ofMillis(50), 4,
						Duration.ofMillis(100), Duration.ofSeconds(5), 1, Duration.ofSeconds(2))));
	}

	@Test
	void batchBytesAboveTheApiLimitFailStartupNamingTheProperty(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl()).withPropertyValues("customerio.delivery.max-batch-bytes=600KB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("max-batch-bytes"));
	}

	@Test
	void userFailureHandlerReceivesTheFailures(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v2/batch").willReturn(aResponse().withStatus(400)));
		withTrack(wm.getHttpBaseUrl()).withPropertyValues("customerio.delivery.linger=0ms")
			.withUserConfiguration(RecordingHandlerConfiguration.class)
			.run((context) -> {
				assertThat(context).getBean(DeliveryFailureHandler.class).isInstanceOf(RecordingHandler.class);
				DeliveryResult result = context.getBean(TrackDeliveryQueue.class)
					.delete(PersonIdentifier.id("42"))
					.get();
				assertThat(result.isDelivered()).isFalse();
				org.awaitility.Awaitility.await()
					.until(() -> context.getBean(RecordingHandler.class).last, (failure) -> failure != null);
			});
	}

	@Test
	void userQueueReplacesTheAutoConfiguredOne(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl()).withUserConfiguration(UserQueueConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TrackDeliveryQueue.class);
			assertThat(context.getBean(TrackDeliveryQueue.class).settings().capacityItems()).isEqualTo(7);
		});
	}

	@Test
	void queueMetersAreRegistered(WireMockRuntimeInfo wm) {
		withTrack(wm.getHttpBaseUrl()).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("customerio.delivery.queue.capacity").gauge().value()).isEqualTo(100_000);
			assertThat(registry.get("customerio.delivery.queue.size").gauge().value()).isZero();
			assertThat(registry.get("customerio.delivery.events").functionCounters())
				.extracting((counter) -> counter.getId().getTag("outcome"))
				.containsExactlyInAnyOrder("delivered", "failed", "rejected");
			assertThat(registry.get("customerio.delivery.accepted").functionCounter().count()).isZero();
		});
	}

	@Test
	void closingTheContextDeliversWhatIsQueued(WireMockRuntimeInfo wm) {
		stubFor(post("/api/v2/batch").willReturn(ok("{}")));
		AtomicReference<CompletableFuture<DeliveryResult>> handle = new AtomicReference<>();
		withTrack(wm.getHttpBaseUrl()).withPropertyValues("customerio.delivery.linger=1h")
			.run((context) -> handle.set(context.getBean(TrackDeliveryQueue.class)
				.track(PersonIdentifier.id("42"), "signed_up", Map.of())));

		assertThat(handle.get()).isCompletedWithValue(DeliveryResult.delivered());
		verify(1, postRequestedFor(urlEqualTo("/api/v2/batch")));
	}

	@Test
	void queueDrainsAfterTheWebServersGracefulShutdownAndBeforeItStops() {
		// WebServerGracefulShutdownLifecycle stops at DEFAULT_PHASE - 1024, WebServerStartStopLifecycle at - 2048
		assertThat(TrackDeliveryQueueLifecycle.PHASE).isLessThan(SmartLifecycle.DEFAULT_PHASE - 1024)
			.isGreaterThan(SmartLifecycle.DEFAULT_PHASE - 2048);
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHandlerConfiguration {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

	}

	static class RecordingHandler implements DeliveryFailureHandler {

		volatile DeliveryFailure last;

		@Override
		public void onFailure(DeliveryFailure failure) {
			this.last = failure;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserQueueConfiguration {

		@Bean
		TrackDeliveryQueue userQueue(TrackClient client) {
			DeliverySettings defaults = DeliverySettings.defaults();
			return TrackDeliveryQueue.builder(client)
				.settings(new DeliverySettings(7, defaults.capacityBytes(), defaults.maxBatchItems(),
						defaults.maxBatchBytes(), defaults.linger(), defaults.concurrency(), defaults.offerTimeout(),
						defaults.drainTimeout(), defaults.redeliveryAttempts(), defaults.redeliveryDelay()))
				.build();
		}

	}

}
