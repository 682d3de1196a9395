package io.github.ciospring.customerio.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class CustomerIoHttpClientFactoryTests {

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final List<ClientRequestObservationContext> attempts = new CopyOnWriteArrayList<>();

	private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	@BeforeEach
	void setUp() {
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ClientRequestObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				CustomerIoHttpClientFactoryTests.this.attempts.add((ClientRequestObservationContext) context);
			}

		});
		this.beans.addBean("webClientBuilder", WebClient.builder().observationRegistry(this.observations));
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
	}

	@Test
	void spansOfItsClientsNeverCarryACustomerIdentifier(WireMockRuntimeInfo wm) {
		identify(wm, "jane@example.com");

		assertThat(this.attempts).singleElement()
			.satisfies((attempt) -> assertThat(attempt.getHighCardinalityKeyValue("http.url").getValue())
				.isEqualTo(wm.getHttpBaseUrl() + "/api/v1/customers/{identifier}"));
	}

	@Test
	void aCustomizerMaySetAnotherConvention(WireMockRuntimeInfo wm) {
		this.beans.addBean("customizer", (CustomerIoWebClientCustomizer) (api, builder) -> builder
			.observationConvention(new DefaultClientRequestObservationConvention()));

		identify(wm, "jane@example.com");

		assertThat(this.attempts).singleElement()
			.satisfies((attempt) -> assertThat(attempt.getHighCardinalityKeyValue("http.url").getValue())
				.contains("jane%40example.com"));
	}

	@Test
	void remembersEachApisBaseUrl(WireMockRuntimeInfo wm) {
		CustomerIoHttpClientFactory factory = factory();

		factory.create("track", settings(wm.getHttpBaseUrl()));
		factory.create("app", settings("https://api-eu.customer.io"));

		assertThat(factory.baseUrls()).containsExactly(Map.entry("app", "https://api-eu.customer.io"),
				Map.entry("track", wm.getHttpBaseUrl()));
	}

	private void identify(WireMockRuntimeInfo wm, String identifier) {
		TrackClient track = new TrackClient(factory().create("track", settings(wm.getHttpBaseUrl())),
				new TestClients().resilience("track", 1000, TestClients.quickRetries(1, RetryOn.NEVER)));
		track.identify(Identify.person(identifier).build()).block();
	}

	private CustomerIoHttpClientFactory factory() {
		return new CustomerIoHttpClientFactory(this.beans.getBeanProvider(WebClient.Builder.class),
				this.beans.getBeanProvider(CustomerIoWebClientCustomizer.class), new JsonCodec(),
				new CustomerIoMeters(new SimpleMeterRegistry()), Clock.systemUTC(), this.observations);
	}

	private static ConnectionSettings settings(String baseUrl) {
		return new ConnectionSettings(baseUrl, Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY),
				Duration.ofSeconds(2), Duration.ofSeconds(5));
	}

}
