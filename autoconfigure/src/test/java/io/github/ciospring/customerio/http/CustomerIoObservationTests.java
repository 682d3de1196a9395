package io.github.ciospring.customerio.http;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each call is one {@code customerio.calls} observation whose children are the WebClient's observations of its
 * attempts, all low-cardinality.
 */
@WireMockTest
class CustomerIoObservationTests {

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final TestClients clients = new TestClients();

	private TrackClient track;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wm) {
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				CustomerIoObservationTests.this.stopped.add(context);
			}

		});
		CustomerIoHttpClient http = CustomerIoHttpClient.create(
				WebClient.builder()
					.observationRegistry(this.observations)
					.observationConvention(new CustomerIoClientRequestObservationConvention()),
				new ConnectionSettings(wm.getHttpBaseUrl(), Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY),
						Duration.ofSeconds(2), Duration.ofSeconds(5)),
				new JsonCodec(), new CustomerIoMeters(new SimpleMeterRegistry()), Clock.systemUTC(), this.observations);
		ApiResilience resilience = this.clients.resilience("track", 1000,
				TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));
		this.track = new TrackClient(http, resilience);
	}

	@Test
	void aCallIsOneObservationWithApiOperationAndOutcome() {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));

		this.track.identify(Identify.person("42").build()).block();

		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("customerio.calls", 1)
			.hasObservationWithNameEqualTo("customerio.calls")
			.that()
			.hasContextualNameEqualTo("customerio track identify")
			.hasLowCardinalityKeyValue("api", "track")
			.hasLowCardinalityKeyValue("operation", "identify")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("attempts", "1");
	}

	@Test
	void retriesAreChildHttpClientObservationsOfTheCall() {
		stubFor(post(urlPathEqualTo("/api/v1/customers/42/events")).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(serviceUnavailable())
			.willSetStateTo("ok"));
		stubFor(post(urlPathEqualTo("/api/v1/customers/42/events")).inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(ok()));

		this.track.track(Event.of("42", "purchased", Map.of())).block();

		Observation.Context call = only(CustomerIoObservationContext.class);
		List<ClientRequestObservationContext> attempts = all(ClientRequestObservationContext.class);
		assertThat(attempts).hasSize(2)
			.allSatisfy((attempt) -> assertThat(attempt.getParentObservation().getContextView()).isSameAs(call));
		assertThat(call.getHighCardinalityKeyValue("attempts").getValue()).isEqualTo("2");
	}

	@Test
	void httpClientObservationsCarryTheUriTemplateNeverTheIdentifier() {
		stubFor(post(urlPathMatching("/api/v1/customers/.*/events")).willReturn(ok()));

		this.track.track(Event.of("person-7@example.com", "purchased", Map.of())).block();

		ClientRequestObservationContext attempt = all(ClientRequestObservationContext.class).get(0);
		assertThat(attempt.getLowCardinalityKeyValue("uri").getValue()).isEqualTo("/api/v1/customers/{identifier}/events");
		assertThat(attempt.getAllKeyValues()).noneMatch((keyValue) -> keyValue.getValue().contains("person-7"));
		assertThat(attempt.getHighCardinalityKeyValue("http.url").getValue())
			.endsWith("/api/v1/customers/{identifier}/events");
	}

	@Test
	void aFailedCallRecordsItsOutcomeAndError() {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(unauthorized()));

		assertThatExceptionOfType(CustomerIoApiException.class)
			.isThrownBy(() -> this.track.identify(Identify.person("42").build())
				.block());

		CustomerIoObservationContext call = only(CustomerIoObservationContext.class);
		assertThat(call.getOutcome()).isEqualTo("client_error");
		assertThat(call.getError()).isInstanceOf(CustomerIoApiException.class);
	}

	@Test
	void withoutARegistryNoObservationIsMade(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		TrackClient unobserved = new TrackClient(
				this.clients.http(wm.getHttpBaseUrl(), Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY)),
				this.clients.resilience("track", 1000, TestClients.quickRetries(1, RetryOn.NEVER)));

		unobserved.identify(Identify.person("42").build()).block();

		assertThat(this.stopped).isEmpty();
	}

	private <C extends Observation.Context> C only(Class<C> type) {
		List<C> all = all(type);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private <C extends Observation.Context> List<C> all(Class<C> type) {
		return this.stopped.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
