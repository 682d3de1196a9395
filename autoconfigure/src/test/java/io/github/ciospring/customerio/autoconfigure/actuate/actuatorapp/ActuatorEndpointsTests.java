package io.github.ciospring.customerio.autoconfigure.actuate.actuatorapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter as users see it through Actuator: traffic to a stand-in Customer.io moves the meters, and the
 * endpoints show it; no endpoint ever shows the API key.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "customerio.track.site-id=" + ActuatorEndpointsTests.SITE_ID,
				"customerio.track.api-key=" + ActuatorEndpointsTests.API_KEY,
				"customerio.track.retry.initial-backoff=1ms", "customerio.track.retry.max-backoff=5ms",
				"management.endpoints.web.exposure.include=*", "management.endpoints.web.exposure.exclude=heapdump",
				"management.endpoint.health.show-details=always",
				"management.endpoint.health.group.track-only.include=customerio/track",
				"management.health.redis.enabled=false",
				"management.endpoint.health.group.track-only.show-details=always",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always" })
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class ActuatorEndpointsTests {

	static final String SITE_ID = "e2e-site";

	static final String API_KEY = "e2e-secret-key-7f3a9c";

	private static final String BASIC = Base64.getEncoder()
		.encodeToString((SITE_ID + ":" + API_KEY).getBytes(StandardCharsets.UTF_8));

	@RegisterExtension
	static WireMockExtension customerIo = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@DynamicPropertySource
	static void customerIoBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("customerio.track.base-url", customerIo::baseUrl);
	}

	@Autowired
	private WebTestClient http;

	@Autowired
	private TrackClient track;

	@Test
	void requestsMeterMovesWithTraffic() {
		double before = measurement("customerio.requests", "COUNT", "api:track", "operation:identify");
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));

		this.track.identify(Identify.person("person-1").build()).block();
		this.track.identify(Identify.person("person-2").build()).block();

		assertThat(measurement("customerio.requests", "COUNT", "api:track", "operation:identify")).isEqualTo(before + 2);
	}

	@Test
	void a429MovesTheRateLimitedAndRetriesMeters() {
		double rateLimited = measurement("customerio.rate.limited", "COUNT", "api:track");
		double retries = measurement("customerio.retries", "COUNT", "api:track");
		stubOne429ThenOk();

		this.track.track(Event.of("person-3", "purchased", Map.of())).block();

		assertThat(measurement("customerio.rate.limited", "COUNT", "api:track")).isEqualTo(rateLimited + 1);
		assertThat(measurement("customerio.retries", "COUNT", "api:track")).isEqualTo(retries + 1);
	}

	@Test
	void eachCallIsObservedAsCustomerioCalls() {
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));

		this.track.identify(Identify.person("person-4").build()).block();

		assertThat(measurement("customerio.calls", "COUNT", "api:track", "operation:identify", "outcome:success"))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void httpClientRequestsAreTaggedWithTheUriTemplate() {
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));

		this.track.identify(Identify.person("person-uri-5").build()).block();

		Map<String, Object> metric = getJson("/actuator/metrics/http.client.requests");
		assertThat(tagValues(metric, "uri")).contains("/api/v1/customers/{identifier}")
			.noneMatch((uri) -> uri.contains("person-uri-5"));
	}

	@Test
	void theCustomerioEndpointShowsTheTrackApi() {
		stubOne429ThenOk();

		this.track.track(Event.of("person-6", "purchased", Map.of())).block();

		Map<String, Object> body = getJson("/actuator/customerio");
		assertThat(body).containsEntry("region", "us");
		assertThat(map(body, "hosts")).containsEntry("track", customerIo.baseUrl());
		Map<String, Object> track = map(map(body, "apis"), "track");
		assertThat(map(track, "rateLimit")).containsEntry("name", "customerio-track")
			.containsEntry("configuredRate", 80.0);
		// the 429 made the adaptive throttle halve the rate (default decrease-factor), which recovers only after
		// its quiet period; another test's 429 may have cut it once more
		assertThat(((Number) map(track, "rateLimit").get("currentRate")).doubleValue()).isLessThanOrEqualTo(40.0);
		assertThat(((Number) map(track, "counts").get("rateLimited")).longValue()).isPositive();
		assertThat(((Number) map(track, "counts").get("retries")).longValue()).isPositive();
	}

	@Test
	void theCustomerioEndpointShowsOneApiBySelector() {
		Map<String, Object> track = getJson("/actuator/customerio/track");

		assertThat(map(track, "retry")).containsEntry("name", "customerio-track").containsEntry("maxAttempts", 4);
	}

	@Test
	void healthIsUpAndDownAfterRejectedCredentialsUntilACallSucceeds() {
		assertThat(customerioHealth(HttpStatus.OK)).containsEntry("status", "UP");
		customerIo.stubFor(delete(urlPathMatching("/api/v1/customers/.*")).willReturn(unauthorized()));
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));

		assertThatExceptionOfType(CustomerIoApiException.class)
			.isThrownBy(() -> this.track.delete("person-7").block());

		assertThat(customerioHealth(HttpStatus.SERVICE_UNAVAILABLE)).containsEntry("status", "DOWN");
		this.track.identify(Identify.person("person-7").build()).block();
		assertThat(customerioHealth(HttpStatus.OK)).containsEntry("status", "UP");
	}

	@Test
	void prometheusShowsOurMetersAndResilience4js() {
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		this.track.identify(Identify.person("person-8").build()).block();

		String scrape = getText("/actuator/prometheus");

		assertThat(scrape).contains("customerio_requests_seconds_count{api=\"track\"")
			.containsPattern("resilience4j_ratelimiter_available_permissions\\{[^}]*name=\"customerio-track\"")
			.containsPattern("resilience4j_retry_calls_total\\{[^}]*kind=\"successful_without_retry\",name=\"customerio-track\"");
	}

	@Test
	void resilience4jEndpointsListOurInstances() {
		assertThat(getText("/actuator/ratelimiters")).contains("customerio-track");
		assertThat(getText("/actuator/retries")).contains("customerio-track");
	}

	@Test
	void configpropsAndEnvMaskTheApiKeyEvenWhenShowingValues() {
		assertThat(getText("/actuator/configprops")).contains("customerio.track").contains(SITE_ID).doesNotContain(API_KEY);
		assertThat(getText("/actuator/env/customerio.track.api-key")).contains("******").doesNotContain(API_KEY);
	}

	@Test
	void noEndpointShowsTheApiKey() {
		customerIo.stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		this.track.identify(Identify.person("person-9").build()).block();
		List<String> checked = new ArrayList<>();

		for (String path : endpointPaths()) {
			String body = this.http.get().uri(path).exchange().expectBody(String.class).returnResult().getResponseBody();
			assertThat(body).as(path).doesNotContain(API_KEY).doesNotContain(BASIC);
			checked.add(path);
		}

		assertThat(checked).contains("/actuator/health", "/actuator/customerio", "/actuator/configprops",
				"/actuator/env", "/actuator/metrics", "/actuator/prometheus", "/actuator/ratelimiters",
				"/actuator/retries");
	}

	/**
	 * Every exposed endpoint that can be read without arguments, from the discovery page; Resilience4j's
	 * {@code *stream*} endpoints are endless server-sent events, so they are left out.
	 */
	private List<String> endpointPaths() {
		Map<String, Object> links = map(getJson("/actuator"), "_links");
		List<String> paths = new ArrayList<>();
		links.forEach((name, link) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> attributes = (Map<String, Object>) link;
			if (!Boolean.TRUE.equals(attributes.get("templated")) && !name.contains("stream")) {
				String href = (String) attributes.get("href");
				paths.add(href.substring(href.indexOf("/actuator")));
			}
		});
		paths.add("/actuator/metrics/customerio.requests");
		paths.add("/actuator/metrics/http.client.requests");
		paths.add("/actuator/customerio/track");
		paths.add("/actuator/health/customerio");
		return paths;
	}

	@Test
	void healthStays200WhileCustomerIoAnswers429AndShowsThePauseAsADetail() throws Exception {
		customerIo.stubFor(post(urlPathMatching("/api/v1/customers/.*/events")).inScenario("pause")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
			.willSetStateTo("served"));
		customerIo.stubFor(post(urlPathMatching("/api/v1/customers/.*/events")).inScenario("pause")
			.whenScenarioStateIs("served")
			.willReturn(ok()));

		CompletableFuture<Void> call = this.track.track(Event.of("person-429", "purchased", Map.of())).toFuture();

		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> customerIo.getAllServeEvents().stream().anyMatch((event) -> event.getResponse().getStatus() == 429));
		Map<String, Object> track = getJson("/actuator/health/customerio/track");
		assertThat(track).containsEntry("status", "UP");
		assertThat(map(track, "details")).containsKey("pausedUntil").containsKey("rate");
		assertThat(getJson("/actuator/health")).containsEntry("status", "UP");
		assertThat(customerioHealth(HttpStatus.OK)).containsEntry("status", "UP");
		call.get(20, TimeUnit.SECONDS);
	}

	@Test
	void aHealthGroupCanIncludeOneApi() {
		Map<String, Object> group = getJson("/actuator/health/track-only");

		assertThat(group).containsEntry("status", "UP");
		assertThat(map(map(group, "components"), "customerio")).containsKey("components");
		assertThat(map(map(map(group, "components"), "customerio"), "components")).containsOnlyKeys("track");
	}

	private void stubOne429ThenOk() {
		customerIo.stubFor(post(urlPathMatching("/api/v1/customers/.*/events")).inScenario("429")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429))
			.willSetStateTo("ok"));
		customerIo.stubFor(post(urlPathMatching("/api/v1/customers/.*/events")).inScenario("429")
			.whenScenarioStateIs("ok")
			.willReturn(ok()));
	}

	private Map<String, Object> customerioHealth(HttpStatus expected) {
		return this.http.get()
			.uri("/actuator/health/customerio")
			.exchange()
			.expectStatus()
			.isEqualTo(expected)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	/** A statistic of a meter, 0 when the meter does not exist yet. */
	private double measurement(String meter, String statistic, String... tags) {
		WebTestClient.ResponseSpec response = this.http.get().uri((uri) -> {
			uri.path("/actuator/metrics/" + meter);
			for (String tag : tags) {
				uri.queryParam("tag", tag);
			}
			return uri.build();
		}).exchange();
		Map<String, Object> body = response.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
		if (body == null || !body.containsKey("measurements")) {
			return 0;
		}
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) body.get("measurements");
		return measurements.stream()
			.filter((measurement) -> statistic.equals(measurement.get("statistic")))
			.mapToDouble((measurement) -> ((Number) measurement.get("value")).doubleValue())
			.findFirst()
			.orElse(0);
	}

	@SuppressWarnings("unchecked")
	private static List<String> tagValues(Map<String, Object> metric, String tag) {
		List<Map<String, Object>> tags = (List<Map<String, Object>>) metric.get("availableTags");
		return tags.stream()
			.filter((candidate) -> tag.equals(candidate.get("tag")))
			.flatMap((candidate) -> ((List<String>) candidate.get("values")).stream())
			.toList();
	}

	private Map<String, Object> getJson(String path) {
		return this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private String getText(String path) {
		return this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

}
