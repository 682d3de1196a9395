package io.github.ciospring.customerio.track;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.StallingVirtualTimeScheduler;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.support.Windows;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Track client at 80/s while the process stalls, on virtual time: 200 identify calls take their permits at once
 * (spaced over 2.5 s by the limiter), then two stalls hold back every timer due in them, the limiter's and the
 * release pacer's alike, until they end. A filter records the virtual time at which each request goes out.
 */
@WireMockTest
class TrackClientStallTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final int CALLS = 200;

	private final StallingVirtualTimeScheduler time = new StallingVirtualTimeScheduler();

	/** When each request was written. */
	private final Queue<Long> sent = new ConcurrentLinkedQueue<>();

	private RateLimiter limiter;

	/** When each request was handed to the WebClient, the limiter's timer having fired. */
	private final Queue<Long> handedOver = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void setUp() {
		VirtualTimeScheduler.getOrSet(this.time);
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		// the first stall holds back 48 of the limiter's timers; the second the pacer's own waits that spread them
		this.time.stall(Duration.ofMillis(500), Duration.ofMillis(600)).stall(Duration.ofMillis(1300),
				Duration.ofMillis(300));
	}

	@AfterEach
	void tearDown() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void requestsWhoseTimersAStallHeldBackGoOutSpacedAtTheRate(WireMockRuntimeInfo wm) {
		List<Long> sentAt = identifyAll(client(wm, UnaryOperator.identity()));

		assertThat(sentAt).hasSize(CALLS);
		assertThat(Windows.maxInAnyWindow(sentAt, SECOND)).isLessThanOrEqualTo(81);
		assertThat(Windows.maxInAnyWindow(sentAt, SECOND / 10)).isLessThanOrEqualTo(9);
	}

	@Test
	void withoutReleasePacingRequestsWhoseTimersAStallHeldBackGoOutTogether(WireMockRuntimeInfo wm) {
		List<Long> sentAt = identifyAll(client(wm, (paced) -> new ApiResilience(paced.api(), paced.rateLimiter(),
				paced.retry(), paced.rateLimitedListener())));

		assertThat(sentAt).hasSize(CALLS);
		// the limiter's timers that the stall held back fire together (written as soon as connections allow)
		assertThat(Windows.maxInAnyWindow(List.copyOf(this.handedOver), SECOND)).isGreaterThan(120);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<Long> identifyAll(TrackClient client) {
		AtomicInteger done = new AtomicInteger();
		Flux.range(0, CALLS)
			.flatMap((i) -> client.identify(Identify.person("person-" + i).build()), CALLS)
			.doFinally((signal) -> done.incrementAndGet())
			.subscribe();
		// every call has its permit (and its timer) before virtual time moves, as the stalls assume
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.limiter.getMetrics().getNumberOfWaitingThreads() >= CALLS - 1);
		// in steps: a request waits for its release once its connection is open (real time), then on virtual
		// time; one jump would let connections that open late meet a clock already past every release
		for (int step = 0; step < 1_000 && done.get() == 0; step++) {
			this.time.advanceTimeBy(Duration.ofMillis(10));
			sleep(2);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> done.get() == 1);
		return List.copyOf(this.sent);
	}

	private TrackClient client(WireMockRuntimeInfo wm, UnaryOperator<ApiResilience> resilience) {
		ApiResilienceFactory factory = new ApiResilienceFactory(RateLimiterRegistry.ofDefaults(),
				RetryRegistry.ofDefaults(), () -> this.time.now(TimeUnit.NANOSECONDS), () -> 0.5);
		ApiResilience track = factory.create("track", new RateLimitSettings(80, 1, Duration.ofSeconds(30)),
				TestClients.quickRetries(1, RetryOn.TRANSIENT_FAILURES));
		// the time a request is written, not the time it is handed to the WebClient: the pacer waits in between
		WebClient.Builder timedSends = WebClient.builder()
			.filter((request, next) -> {
				this.handedOver.add(this.time.now(TimeUnit.NANOSECONDS));
				return next.exchange(request);
			})
			.filter((request, next) -> next.exchange(ClientRequest.from(request)
				.body((message, context) -> request.body().insert(new ClientHttpRequestDecorator(message) {

					@Override
					public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
						TrackClientStallTests.this.sent.add(TrackClientStallTests.this.time.now(TimeUnit.NANOSECONDS));
						return super.writeWith(body);
					}

				}, context))
				.build()));
		// responses arrive in real time while virtual time runs ahead: no response timeout on the virtual clock
		CustomerIoHttpClient http = CustomerIoHttpClient.create(timedSends,
				new ConnectionSettings(wm.getHttpBaseUrl(), Authentication.basic(TestClients.SITE_ID,
						TestClients.API_KEY), Duration.ofSeconds(2), Duration.ofMinutes(10)),
				new JsonCodec(), CustomerIoMeters.none(), Clock.systemUTC());
		this.limiter = track.rateLimiter();
		return new TrackClient(http, resilience.apply(track));
	}

}
