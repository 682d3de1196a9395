package io.github.ciospring.customerio.track;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.resilience.RetrySettings;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.support.VirtualTime;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Retries: 408, 429, 5xx and transport failures are retried, other 4xx never; {@code Retry-After} (seconds or
 * HTTP-date) sets the wait, else full-jitter backoff; an event carries the same ULID {@code id} on every attempt;
 * the final error carries status, Customer.io's messages and the attempt count, and never the credentials.
 * Waits are checked on Reactor's virtual clock and through the retry's events, never by measuring wall time. There
 * the limiter, and with it the adaptive throttle's shared pause after a 429, runs on the same virtual clock as the
 * retry's waits, as both run on one clock in production.
 */
@WireMockTest
class TrackClientRetryTests {

	private static final String IDENTIFY = "/api/v1/customers/42";

	private static final String EVENTS = "/api/v1/customers/42/events";

	private static final Identify PERSON = Identify.person("42").attribute("plan", "pro").build();

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final TestClients clients = new TestClients();

	private String baseUrl;

	private final List<Duration> retryWaits = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp(WireMockRuntimeInfo wireMock) {
		this.baseUrl = wireMock.getHttpBaseUrl();
	}

	@AfterEach
	void resetVirtualTime() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void a429WithRetryAfterSecondsIsRetriedOnlyOnceThatDelayHasPassed() throws Exception {
		failFirstThenSucceedOnIdentify(aResponse().withStatus(429).withHeader("Retry-After", "120"));

		assertRetriedAfterExactly(Duration.ofSeconds(120), Clock.systemUTC());
	}

	@Test
	void a429WithRetryAfterDateIsRetriedOnlyOnceThatDateIsReached() throws Exception {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
		failFirstThenSucceedOnIdentify(aResponse().withStatus(429).withHeader("Retry-After", date));

		assertRetriedAfterExactly(Duration.ofSeconds(90), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void a429WithRetryAfterBeyondMaxRetryAfterIsRetriedOnceMaxRetryAfterHasPassed() throws Exception {
		failFirstThenSucceedOnIdentify(aResponse().withStatus(429).withHeader("Retry-After", "120"));

		// the shared pause after the 429 is cut like the retry's wait, so the retry is not refused a permit
		assertRetriedAfterExactly(Duration.ofSeconds(60), Clock.systemUTC(), Duration.ofSeconds(60));
	}

	@Test
	void a429WithoutRetryAfterIsRetriedAfterFullJitterBackoff() {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(aResponse().withStatus(429)));
		// random() = 0.5: each wait is half its ceiling, 20 ms doubling
		RetrySettings retry = new RetrySettings(4, Duration.ofMillis(20), Duration.ofMillis(60), Duration.ofSeconds(1),
				RetryOn.TRANSIENT_FAILURES);
		TrackClient client = client(resilienceWithRandom(retry, 0.5, System::nanoTime), Clock.systemUTC());

		assertThatThrownBy(() -> client.identify(PERSON).block()).isInstanceOfSatisfying(CustomerIoApiException.class,
				(ex) -> assertThat(ex.isRateLimited()).isTrue());

		assertThat(this.retryWaits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30));
		verify(4, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 408, 500, 502, 503, 504 })
	void aTransientFailureIsRetriedUntilItSucceeds(int status) {
		failFirstThenSucceedOnIdentify(aResponse().withStatus(status));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));

		client.identify(PERSON).block();

		verify(2, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void aClientErrorIsNeverRetried(int status) {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(aResponse().withStatus(status)));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(4, RetryOn.TRANSIENT_FAILURES));

		assertThatThrownBy(() -> client.identify(PERSON).block()).isInstanceOfSatisfying(CustomerIoApiException.class,
				(ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(status);
					assertThat(ex.getAttempts()).isEqualTo(1);
				});
		verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void anEventCarriesTheSameIdOnEveryAttempt() {
		stubFor(post(urlEqualTo(EVENTS)).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("second"));
		stubFor(post(urlEqualTo(EVENTS)).inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(429))
			.willSetStateTo("third"));
		stubFor(post(urlEqualTo(EVENTS)).inScenario("flaky").whenScenarioStateIs("third").willReturn(ok()));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(4, RetryOn.TRANSIENT_FAILURES));
		Event event = Event.of("42", "purchased", Map.of("total", 10));

		client.track(event).block();

		List<LoggedRequest> attempts = findAll(postRequestedFor(urlEqualTo(EVENTS)));
		assertThat(attempts).hasSize(3);
		assertThat(attempts).extracting(LoggedRequest::getBodyAsString)
			.allSatisfy((body) -> assertThat(body).contains("\"id\":\"" + event.id() + "\""))
			.containsOnly(attempts.get(0).getBodyAsString());
	}

	@Test
	void theFinalErrorCountsEveryAttempt() {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(aResponse().withStatus(500)));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));

		assertThatThrownBy(() -> client.identify(PERSON).block()).isInstanceOfSatisfying(CustomerIoApiException.class,
				(ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(500);
					assertThat(ex.getAttempts()).isEqualTo(3);
					assertThat(ex.getApi()).isEqualTo("track");
					assertThat(ex.getOperation()).isEqualTo("identify");
				});
		verify(3, anyRequestedFor(anyUrl()));
	}

	@Test
	void theErrorCarriesCustomerIosMetaError() {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"meta\":{\"error\":\"email is not valid\"}}")));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));

		assertThatThrownBy(() -> client.identify(PERSON).block()).isInstanceOfSatisfying(CustomerIoApiException.class,
				(ex) -> {
					assertThat(ex.getErrors()).containsExactly("email is not valid");
					assertThat(ex.getMessage()).contains("identify", "400", "email is not valid");
				});
	}

	@Test
	void theErrorCarriesCustomerIosMetaErrors() {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"meta\":{\"errors\":[\"attribute name too long\",{\"message\":\"too many attributes\"}]}}")));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));

		assertThatThrownBy(() -> client.identify(PERSON).block()).isInstanceOfSatisfying(CustomerIoApiException.class,
				(ex) -> {
					assertThat(ex.getErrors()).containsExactly("attribute name too long", "too many attributes");
					assertThat(ex.getMessage()).contains("attribute name too long; too many attributes");
				});
	}

	@Test
	void aRejectedCredentialNeverShowsInTheError() {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"meta\":{\"error\":\"Unauthorized request\"}}")));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));

		assertThatThrownBy(() -> client.identify(PERSON).block()).isInstanceOfSatisfying(CustomerIoApiException.class,
				(ex) -> {
					assertThat(ex.getMessage()).contains("credentials rejected");
					assertNoCredentials(ex);
				});
	}

	@Test
	void aTransportFailureIsRetriedAndNeverShowsTheCredentials() throws Exception {
		String closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = "http://127.0.0.1:" + socket.getLocalPort();
		}
		TrackClient client = this.clients.track(closedPort, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES));

		assertThatThrownBy(() -> client.identify(PERSON).block())
			.isInstanceOfSatisfying(CustomerIoTransportException.class, (ex) -> {
				assertThat(ex.isRequestSent()).isFalse();
				assertThat(ex.getAttempts()).isEqualTo(3);
				assertNoCredentials(ex);
			});
	}

	@Test
	void aResponseTimeoutIsRetriedAsAFailureThatMayHaveReachedCustomerIo() {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(ok().withFixedDelay(1_000)));
		CustomerIoHttpClient http = CustomerIoHttpClient.create(WebClient.builder(),
				new ConnectionSettings(this.baseUrl, Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY),
						Duration.ofSeconds(2), Duration.ofMillis(100)),
				new JsonCodec(), CustomerIoMeters.none(), Clock.systemUTC());
		TrackClient client = new TrackClient(http,
				this.clients.resilience("track", 10_000, TestClients.quickRetries(2, RetryOn.TRANSIENT_FAILURES)));

		assertThatThrownBy(() -> client.identify(PERSON).block())
			.isInstanceOfSatisfying(CustomerIoTransportException.class, (ex) -> {
				assertThat(ex.isRequestSent()).isTrue();
				assertThat(ex.getAttempts()).isEqualTo(2);
			});
		// the server may log the second request a moment after the client gave up on it
		org.awaitility.Awaitility.await().untilAsserted(() -> verify(2, anyRequestedFor(anyUrl())));
	}

	@Test
	void aWrongDatacenterAnswerIsNeverRetriedAndSaysSo() {
		stubFor(put(urlEqualTo(IDENTIFY)).willReturn(aResponse().withStatus(301)));
		TrackClient client = this.clients.track(this.baseUrl, TestClients.quickRetries(4, RetryOn.TRANSIENT_FAILURES));

		assertThatThrownBy(() -> client.identify(PERSON).block()).isInstanceOf(CustomerIoApiException.class)
			.hasMessageContaining("wrong datacenter")
			.hasMessageContaining("customerio.region");
		verify(1, anyRequestedFor(anyUrl()));
	}

	private void assertRetriedAfterExactly(Duration delay, Clock clock) throws Exception {
		assertRetriedAfterExactly(delay, clock, Duration.ofSeconds(300));
	}

	private void assertRetriedAfterExactly(Duration delay, Clock clock, Duration maxRetryAfter) throws Exception {
		VirtualTimeScheduler time = VirtualTime.install();
		RetrySettings retry = new RetrySettings(2, Duration.ofMillis(1), Duration.ofMillis(5), maxRetryAfter,
				RetryOn.TRANSIENT_FAILURES);
		ApiResilience resilience = resilienceWithRandom(retry, 0.5, () -> time.now(TimeUnit.NANOSECONDS));
		AtomicInteger attemptsStarted = new AtomicInteger();
		resilience.rateLimiter().getEventPublisher().onSuccess((event) -> attemptsStarted.incrementAndGet());
		AtomicLong tasksWhenRetryDecided = new AtomicLong(Long.MAX_VALUE);
		resilience.retry()
			.getEventPublisher()
			.onRetry((event) -> tasksWhenRetryDecided.set(time.getScheduledTaskCount()));
		TrackClient client = client(resilience, clock);

		CompletableFuture<Void> call = client.identify(PERSON).toFuture();
		// the retry's wait is scheduled on the virtual clock right after the retry is decided
		await().atMost(Duration.ofSeconds(10)).until(() -> time.getScheduledTaskCount() > tasksWhenRetryDecided.get());

		assertThat(this.retryWaits).containsExactly(delay);
		time.advanceTimeBy(delay.minusMillis(1));
		assertThat(attemptsStarted).as("attempts started a millisecond early").hasValue(1);
		time.advanceTimeBy(Duration.ofMillis(1));
		call.get(10, TimeUnit.SECONDS);
		assertThat(attemptsStarted).hasValue(2);
		verify(2, anyRequestedFor(anyUrl()));
	}

	private static void failFirstThenSucceedOnIdentify(ResponseDefinitionBuilder failure) {
		stubFor(put(urlEqualTo(IDENTIFY)).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("recovered"));
		stubFor(put(urlEqualTo(IDENTIFY)).inScenario("retry").whenScenarioStateIs("recovered").willReturn(ok()));
	}

	/** Limiter (30 s max-wait), adaptive throttle and retry on the given clock, with a fixed backoff jitter. */
	private ApiResilience resilienceWithRandom(RetrySettings retry, double random, LongSupplier nanoClock) {
		ApiResilienceFactory factory = new ApiResilienceFactory(RateLimiterRegistry.ofDefaults(),
				RetryRegistry.ofDefaults(), nanoClock, () -> random);
		ApiResilience resilience = factory.create("track", new RateLimitSettings(10_000, 1, Duration.ofSeconds(30)),
				retry);
		resilience.retry().getEventPublisher().onRetry((event) -> this.retryWaits.add(event.getWaitInterval()));
		return resilience;
	}

	private TrackClient client(ApiResilience resilience, Clock clock) {
		return new TrackClient(
				this.clients.http(this.baseUrl, Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY), clock),
				resilience);
	}

	private static void assertNoCredentials(CustomerIoException ex) {
		String basic = Base64.getEncoder().encodeToString((TestClients.SITE_ID + ":" + TestClients.API_KEY).getBytes(StandardCharsets.UTF_8));
		String everything = ex + " " + ex.getMessage() + " " + causes(ex);
		assertThat(everything).doesNotContain(TestClients.API_KEY).doesNotContain(basic);
	}

	private static String causes(Throwable ex) {
		return Stream.iterate(ex.getCause(), (cause) -> cause != null, Throwable::getCause)
			.map(Throwable::toString)
			.collect(Collectors.joining(" "));
	}

}
