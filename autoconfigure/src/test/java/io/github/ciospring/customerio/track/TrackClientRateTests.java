package io.github.ciospring.customerio.track;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.support.RecordingRateLimiter;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.support.Windows;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent callers share the Track API's limiter: the permit times it hands out (read from its clock) never
 * put more than the rate plus 10 % into any one-second window.
 */
@WireMockTest
class TrackClientRateTests {

	private static final int RATE = 80;

	private static final int CALLERS = 16;

	private static final int CALLS_PER_CALLER = 12;

	@Test
	void sixteenConcurrentCallersAt80PerSecondNeverPutMoreThan88IntoAnyOneSecond(WireMockRuntimeInfo wireMock) {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		RecordingRateLimiter limiter = new RecordingRateLimiter("customerio-track", RATE, 1, Duration.ofSeconds(30));
		ApiResilience resilience = new ApiResilience("track", limiter,
				Retry.of("customerio-track", RetryConfig.custom().maxAttempts(1).build()));
		TrackClient client = new TrackClient(new TestClients().http(wireMock.getHttpBaseUrl(),
				Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY)), resilience);

		Scheduler callers = Schedulers.newParallel("caller", CALLERS);
		try {
			Flux.range(0, CALLERS)
				.parallel(CALLERS)
				.runOn(callers)
				.flatMap((caller) -> Flux.range(0, CALLS_PER_CALLER)
					.concatMap((call) -> client.identify(Identify.person("p" + caller + "-" + call).build())))
				.sequential()
				.blockLast(Duration.ofSeconds(30));
		}
		finally {
			callers.dispose();
		}

		List<Long> permits = limiter.permitTimes();
		assertThat(permits).hasSize(CALLERS * CALLS_PER_CALLER);
		verify(CALLERS * CALLS_PER_CALLER, anyRequestedFor(anyUrl()));
		assertThat(Windows.maxInAnyWindow(permits, TimeUnit.SECONDS.toNanos(1))).isLessThanOrEqualTo(88);
	}

}
