package io.github.ciospring.customerio.autoconfigure.actuate.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.autoconfigure.CustomerIoHttpClientFactory;
import io.github.ciospring.customerio.autoconfigure.CustomerIoProperties;
import io.github.ciospring.customerio.autoconfigure.CustomerIoWebClientCustomizer;
import io.github.ciospring.customerio.autoconfigure.actuate.QueueStatusStub;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.GcraRateLimiter;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class CustomerIoEndpointTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	private final GcraRateLimiter limiter = new GcraRateLimiter("customerio-track", 80, 2, Duration.ofSeconds(30),
			this.nanos::get, Map.of());

	private final CustomerIoMeters meters = new CustomerIoMeters(new SimpleMeterRegistry());

	private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	private final CustomerIoHttpClientFactory httpClients = new CustomerIoHttpClientFactory(
			this.beans.getBeanProvider(WebClient.Builder.class),
			this.beans.getBeanProvider(CustomerIoWebClientCustomizer.class), new JsonCodec(), this.meters,
			Clock.systemUTC());

	CustomerIoEndpointTests() {
		this.beans.addBean("customerIoTrackResilience", new ApiResilience("track", this.limiter,
				Retry.of("customerio-track", RetryConfig.custom().maxAttempts(3).build())));
		this.beans.addBean("customerIoHttpClientFactory", this.httpClients);
	}

	@Test
	void showsTheConfiguredAndTheCurrentRate() {
		this.limiter.changeRate(40);

		CustomerIoEndpoint.RateLimitDescriptor rateLimit = endpoint().customerIo().apis().get("track").rateLimit();

		assertThat(rateLimit.name()).isEqualTo("customerio-track");
		assertThat(rateLimit.configuredRate()).isEqualTo(80.0);
		assertThat(rateLimit.currentRate()).isEqualTo(40.0);
		assertThat(rateLimit.burst()).isEqualTo(2);
		assertThat(rateLimit.maxWait()).isEqualTo("PT30S");
	}

	@Test
	void showsFreePermitsAndCallersWaiting() {
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);

		CustomerIoEndpoint.RateLimitDescriptor rateLimit = endpoint().customerIo().apis().get("track").rateLimit();

		assertThat(rateLimit.availablePermits()).isEqualTo(-1);
		assertThat(rateLimit.waiting()).isEqualTo(1);
	}

	@Test
	void showsWhenAPauseEnds() {
		this.limiter.pauseUntil(this.nanos.get() + TimeUnit.SECONDS.toNanos(7));

		assertThat(endpoint().customerIo().apis().get("track").rateLimit().pausedUntil()).isEqualTo(NOW.plusSeconds(7));
	}

	@Test
	void showsNoPauseWhenNoneIsInForce() {
		assertThat(endpoint().customerIo().apis().get("track").rateLimit().pausedUntil()).isNull();
	}

	@Test
	void describesOtherRateLimitersFromTheirResilience4jConfig() {
		RateLimiter cycleBased = RateLimiter.of("customerio-app", RateLimiterConfig.custom()
			.limitForPeriod(5)
			.limitRefreshPeriod(Duration.ofMillis(500))
			.build());
		this.beans.addBean("customerIoAppResilience",
				new ApiResilience("app", cycleBased, Retry.ofDefaults("customerio-app")));

		CustomerIoEndpoint.RateLimitDescriptor rateLimit = endpoint().customerIo().apis().get("app").rateLimit();

		assertThat(rateLimit.configuredRate()).isNull();
		assertThat(rateLimit.currentRate()).isEqualTo(10.0);
		assertThat(rateLimit.burst()).isEqualTo(5);
	}

	@Test
	void countsRequestsRateLimitedRetriesAndFailuresFromTheMeters(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathEqualTo("/api/v1/customers/42/events")).inScenario("429")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429))
			.willSetStateTo("ok"));
		stubFor(post(urlPathEqualTo("/api/v1/customers/42/events")).inScenario("429")
			.whenScenarioStateIs("ok")
			.willReturn(ok()));
		TrackClient client = new TrackClient(this.httpClients.create("track",
				new ConnectionSettings(wm.getHttpBaseUrl(), Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY),
						Duration.ofSeconds(2), Duration.ofSeconds(5))),
				new TestClients().resilience("track", 1000, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES)));

		client.track(Event.of("42", "purchased", Map.of())).block();

		CustomerIoEndpoint.CountsDescriptor counts = endpoint().customerIo().apis().get("track").counts();
		assertThat(counts.requests()).isEqualTo(2);
		assertThat(counts.rateLimited()).isEqualTo(1);
		assertThat(counts.retries()).isEqualTo(1);
		assertThat(counts.failures()).isEqualTo(1);
		assertThat(counts.byOutcome()).containsExactlyInAnyOrderEntriesOf(Map.of("rate_limited", 1L, "success", 1L));
	}

	@Test
	void showsTheRetrysMaxAttempts() {
		assertThat(endpoint().customerIo().apis().get("track").retry())
			.isEqualTo(new CustomerIoEndpoint.RetryDescriptor("customerio-track", 3));
	}

	@Test
	void showsRecentOutcomes() {
		this.meters.recentOutcomes().record("track", "identify", 401);

		assertThat(endpoint().customerIo().apis().get("track").recent().credentialsRejected()).isTrue();
	}

	@Test
	void showsTheRegionAndEachClientsHostWithoutUserInfoOrQuery() {
		this.httpClients.create("track", new ConnectionSettings("https://user:secret@track.example.com:8443/base?key=k",
				null, Duration.ofSeconds(1), Duration.ofSeconds(1)));

		CustomerIoEndpoint.CustomerIoDescriptor descriptor = endpoint().customerIo();

		assertThat(descriptor.region()).isEqualTo("us");
		assertThat(descriptor.hosts()).containsExactlyEntriesOf(Map.of("track", "https://track.example.com:8443/base"));
	}

	@Test
	void showsEachDeliveryQueue() {
		this.beans.addBean("trackQueue", QueueStatusStub.inMemory("track", 12, 10_000));

		assertThat(endpoint().customerIo().deliveryQueues())
			.containsExactlyEntriesOf(Map.of("track", new CustomerIoEndpoint.QueueDescriptor(12, 10_000, "memory", 12, "PT0S")));
	}

	@Test
	void showsOneApiBySelector() {
		assertThat(endpoint().api("track").rateLimit().name()).isEqualTo("customerio-track");
	}

	@Test
	void anUnknownApiIsNotFound() {
		assertThat(endpoint().api("nope")).isNull();
	}

	private CustomerIoEndpoint endpoint() {
		return new CustomerIoEndpoint(new CustomerIoProperties(true, Region.US),
				this.beans.getBeanProvider(ApiResilience.class), this.meters,
				this.beans.getBeanProvider(CustomerIoHttpClientFactory.class),
				this.beans.getBeanProvider(DeliveryQueueStatus.class), this.clock);
	}

}
