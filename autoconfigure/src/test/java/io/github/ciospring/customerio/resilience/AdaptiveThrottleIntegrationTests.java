package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The adaptive throttle against a server that answers 429 (with {@code Retry-After: 2}) for 3 s while 8 callers
 * send, each starting its next call as soon as the last one ended (no retries, so a caller that got a 429 asks again
 * at once): they pause together, the rate drops, and it recovers once the 429s stop. Short settings keep it quick;
 * it asserts on the rate gauge and on when the server received requests, not on how fast anything ran.
 */
@WireMockTest
class AdaptiveThrottleIntegrationTests {

	private static final double RATE = 50;

	private static final int CALLERS = 8;

	private final TestClients clients = new TestClients();

	private final ApiResilienceFactory factory = new ApiResilienceFactory(RateLimiterRegistry.ofDefaults(),
			RetryRegistry.ofDefaults(), System::nanoTime, () -> ThreadLocalRandom.current().nextDouble(),
			ApiRateLimiterFactory.local(System::nanoTime),
			new AdaptiveSettings(true, 0.5, 0.1, 0.5, Duration.ofMillis(500)), this.clients.meterRegistry());

	private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private final Queue<Instant> pausesApplied = new ConcurrentLinkedQueue<>();

	private final List<Double> gaugeSamples = new ArrayList<>();

	private TrackClient client;

	private Gauge rateGauge;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		ApiResilience throttled = this.factory.create("track", new RateLimitSettings(RATE, 1, Duration.ofSeconds(10)),
				new RetrySettings(1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
						RetryOn.TRANSIENT_FAILURES));
		// note when the client applied each pause, to look for requests on the server's log after it
		ApiResilience resilience = new ApiResilience(throttled.api(), throttled.rateLimiter(), throttled.retry(),
				(retryAfter) -> {
					this.pausesApplied.add(Instant.now());
					throttled.rateLimitedListener().onRateLimited(retryAfter);
				});
		this.client = new TrackClient(
				this.clients.http(wm.getHttpBaseUrl(), Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY)),
				resilience);
		this.rateGauge = this.clients.meterRegistry().get(ApiResilienceFactory.RATE_GAUGE).tag("api", "track").gauge();
	}

	@Test
	void callersPauseTogetherTheRateDropsAndRecovers() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> callers = startCallers(running);
		sampleGaugeFor(Duration.ofMillis(500));
		StubMapping tooMany = stubFor(put(urlPathMatching("/api/v1/customers/.*")).atPriority(1)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
		sampleGaugeFor(Duration.ofSeconds(3));
		removeStub(tooMany);
		double rateWhenThe429sStopped = this.rateGauge.value();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			this.gaugeSamples.add(this.rateGauge.value());
			assertThat(this.rateGauge.value()).isEqualTo(RATE);
		});
		running.set(false);
		for (Thread caller : callers) {
			caller.join(15_000);
		}

		List<ServeEvent> served = getAllServeEvents().stream()
			.sorted(Comparator.comparing((ServeEvent event) -> event.getRequest().getLoggedDate()))
			.toList();
		Instant firstPause = this.pausesApplied.peek();
		// permits granted before the pause (at most 8 callers x 20 ms ahead) may still land just after it began
		long receivedDuringPause = served.stream()
			.map((event) -> event.getRequest().getLoggedDate().toInstant())
			.filter((at) -> at.isAfter(firstPause.plusMillis(400)) && at.isBefore(firstPause.plusMillis(1800)))
			.count();
		assertThat(receivedDuringPause).as("requests received while every caller should pause").isZero();
		assertThat(served.stream().filter((event) -> event.getResponse().getStatus() == 429)).isNotEmpty();
		assertThat(rateWhenThe429sStopped).isLessThanOrEqualTo(RATE / 2).isGreaterThanOrEqualTo(RATE * 0.1);
		assertThat(this.gaugeSamples.get(0)).isEqualTo(RATE);
		assertThat(served.get(served.size() - 1).getResponse().getStatus()).isEqualTo(200);
		assertThat(this.failures).allSatisfy((failure) -> assertThat(failure)
			.isInstanceOfSatisfying(CustomerIoApiException.class, (api) -> assertThat(api.isRateLimited()).isTrue()));
	}

	private List<Thread> startCallers(AtomicBoolean running) {
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			Thread caller = new Thread(() -> {
				while (running.get()) {
					try {
						this.client.identify(Identify.person(UUID.randomUUID().toString()).build()).block();
					}
					catch (RuntimeException failure) {
						this.failures.add(failure);
					}
				}
			}, "caller-" + i);
			caller.start();
			callers.add(caller);
		}
		return callers;
	}

	private void sampleGaugeFor(Duration duration) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			this.gaugeSamples.add(this.rateGauge.value());
			Thread.sleep(50);
		}
	}

}
