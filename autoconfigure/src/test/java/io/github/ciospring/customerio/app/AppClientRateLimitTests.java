package io.github.ciospring.customerio.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.CustomerIoRateLimitTimeoutException;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The App API's limiters, on virtual time: the limiters read the virtual clock, waits run on the virtual
 * scheduler, and a filter records the virtual time at which each request goes out.
 */
@WireMockTest
class AppClientRateLimitTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private VirtualTimeScheduler time;

	private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void setUp() {
		this.time = VirtualTime.install();
		stubFor(post(urlPathMatching("/v1/campaigns/.*/triggers")).willReturn(okJson("{\"id\":1}")));
		stubFor(get("/v1/exports").willReturn(okJson("{\"exports\":[]}")));
	}

	@AfterEach
	void tearDown() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void secondTriggerOneSecondAfterTheFirstGoesOutTenSecondsAfterIt(WireMockRuntimeInfo wm) {
		AppClient client = client(wm, new RateLimitSettings(0.1, 1, Duration.ofSeconds(60)));
		client.triggerBroadcast(BroadcastTrigger.of(7)).block(Duration.ofSeconds(10));
		this.time.advanceTimeBy(Duration.ofSeconds(1));

		AtomicReference<BroadcastTriggerResponse> second = new AtomicReference<>();
		client.triggerBroadcast(BroadcastTrigger.of(8)).subscribe(second::set);
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(10)).until(() -> second.get() != null);

		assertThat(this.sent).extracting(Sent::path)
			.containsExactly("/v1/campaigns/7/triggers", "/v1/campaigns/8/triggers");
		assertThat(this.sent).extracting(Sent::nanoTime).containsExactly(0L, 10 * SECOND);
	}

	@Test
	void triggerWhoseTurnIsBeyondMaxWaitFailsWithoutBeingSent(WireMockRuntimeInfo wm) {
		AppClient client = client(wm, new RateLimitSettings(0.1, 1, Duration.ofSeconds(15)));
		client.triggerBroadcast(BroadcastTrigger.of(7)).block(Duration.ofSeconds(10));
		client.triggerBroadcast(BroadcastTrigger.of(8)).subscribe();

		CustomerIoRateLimitTimeoutException failure = catchThrowableOfType(CustomerIoRateLimitTimeoutException.class,
				() -> client.triggerBroadcast(BroadcastTrigger.of(9)).block(Duration.ofSeconds(10)));
		this.time.advanceTimeBy(Duration.ofSeconds(30));

		assertThat(failure.getApi()).isEqualTo("broadcasts");
		assertThat(failure.getMaxWait()).isEqualTo(Duration.ofSeconds(15));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sent.size() == 2);
		assertThat(this.sent).extracting(Sent::path).doesNotContain("/v1/campaigns/9/triggers");
	}

	@Test
	void sixteenConcurrentLookupsAtTenPerSecondNeverPutElevenInOneSecond(WireMockRuntimeInfo wm) throws Exception {
		AppClient client = AppClientFixture.at(wm.getHttpBaseUrl())
			.nanoClock(() -> this.time.now(TimeUnit.NANOSECONDS))
			.webClient(recordingWebClient())
			.responseTimeout(Duration.ofMinutes(5))
			.appRate(new RateLimitSettings(10, 1, Duration.ofSeconds(30)))
			.build();
		int callers = 16;
		CountDownLatch start = new CountDownLatch(1);
		Queue<List<Export>> answers = new ConcurrentLinkedQueue<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			Thread thread = new Thread(() -> {
				awaitQuietly(start);
				client.listExports().subscribe(answers::add);
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join(10_000);
		}

		// in steps: a request waits for its release once its connection is open (real time), then on virtual time
		for (int step = 0; step < 2_000 && answers.size() < callers; step++) {
			this.time.advanceTimeBy(Duration.ofMillis(10));
			Thread.sleep(2);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> answers.size() == callers);

		long[] sentAt = this.sent.stream().mapToLong(Sent::nanoTime).sorted().toArray();
		assertThat(sentAt).hasSize(callers);
		for (int i = 0; i + 10 < sentAt.length; i++) {
			assertThat(sentAt[i + 10] - sentAt[i]).as("time spanned by requests %d to %d", i, i + 10)
				.isGreaterThanOrEqualTo(SECOND);
		}
		assertThat(sentAt[callers - 1]).isEqualTo(15 * SECOND / 10);
	}

	private AppClient client(WireMockRuntimeInfo wm, RateLimitSettings broadcasts) {
		return AppClientFixture.at(wm.getHttpBaseUrl())
			.nanoClock(() -> this.time.now(TimeUnit.NANOSECONDS))
			.webClient(recordingWebClient())
			.responseTimeout(Duration.ofMinutes(5))
			.broadcastsRate(broadcasts)
			.build();
	}

	/** Records the virtual time at which each request goes out. */
	private WebClient.Builder recordingWebClient() {
		return WebClient.builder().filter((request, next) -> {
			this.sent.add(new Sent(request.url().getPath(), this.time.now(TimeUnit.NANOSECONDS)));
			return next.exchange(request);
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Sent(String path, long nanoTime) {
	}

}
