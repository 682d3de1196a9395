package io.github.ciospring.customerio.track;

import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every attempt is measured with low-cardinality tags only: the API, the operation, the outcome and the status
 * class, and the WebClient's own observation sees the URI template, never a customer's identifier.
 */
@WireMockTest
class TrackClientMetricsTests {

	private static final String IDENTIFIER = "secret.person@example.com";

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private TrackClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wireMock) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		CustomerIoHttpClient http = CustomerIoHttpClient.create(WebClient.builder().observationRegistry(observations),
				new ConnectionSettings(wireMock.getHttpBaseUrl(),
						Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY), Duration.ofSeconds(2),
						Duration.ofSeconds(5)),
				new JsonCodec(), new CustomerIoMeters(this.meters), Clock.systemUTC());
		this.client = new TrackClient(http, ApiResilienceFactory.standalone()
			.create("track", new RateLimitSettings(10_000, 1, Duration.ofSeconds(5)),
					TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES)));
	}

	@Test
	void eachAttemptIsTimedByApiOperationOutcomeAndStatusClass() {
		failOnceWith(503);

		this.client.identify(Identify.person(IDENTIFIER).build()).block();

		// an attempt is recorded once it has ended, which may be just after the caller saw the result
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(attempts("server_error", "5xx")).isEqualTo(1);
			assertThat(attempts("success", "2xx")).isEqualTo(1);
		});
		assertThat(this.meters.get(CustomerIoMeters.RETRIES).tag("operation", "identify").counter().count())
			.isEqualTo(1);
	}

	@Test
	void a429IsCountedAsRateLimited() {
		failOnceWith(429);

		this.client.identify(Identify.person(IDENTIFIER).build()).block();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(attempts("rate_limited", "4xx")).isEqualTo(1);
			assertThat(this.meters.get(CustomerIoMeters.RATE_LIMITED)
				.tags("api", "track", "operation", "identify")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void theWebClientObservationSeesTheUriTemplateNotTheIdentifier() {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));

		this.client.identify(Identify.person(IDENTIFIER).build()).block();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.meters.get("http.client.requests").timer().getId().getTag("uri"))
				.isEqualTo("/api/v1/customers/{identifier}"));
		for (Meter meter : this.meters.getMeters()) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(tag.getValue()).as("tag %s of %s", tag.getKey(), meter.getId().getName())
					.doesNotContain("secret");
			}
		}
	}

	private double attempts(String outcome, String status) {
		return this.meters.get(CustomerIoMeters.REQUESTS)
			.tags("api", "track", "operation", "identify", "outcome", outcome, "status", status)
			.timer()
			.count();
	}

	private static void failOnceWith(int status) {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).inScenario("once")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(status))
			.willSetStateTo("ok"));
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).inScenario("once")
			.whenScenarioStateIs("ok")
			.willReturn(ok()));
	}

}
