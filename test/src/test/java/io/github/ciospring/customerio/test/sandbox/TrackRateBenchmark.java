package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Track client's rate against a 100/s sliding-window server (the sandbox): {@code n} identify calls from 16
 * concurrent callers (threads, each making one blocking call after the other) through a client built by hand at
 * the starter's default 80/s, burst 1. Prints the achieved rate, the largest number of requests in any 1 s window
 * as the server saw them (and as the client sent them, timed by a WebClient filter, so limiter and transport
 * jitter can be told apart), and the number of 429s. Targets (DESIGN.md): at least 79/s, at most 88 in any 1 s
 * window (90 as the server sees it), no 429. Fails only if a call is lost; the targets are printed with a verdict,
 * as they depend on the machine's load.
 * <p>
 * Run: {@code mvn -B -pl sample-app -am test -Dgroups=benchmark -DexcludedGroups=none -Dtest=TrackRateBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (both figures, about 2.5 minutes), or
 * {@code -Dtest='TrackRateBenchmark#identify2000*'} for the 2,000-call one (about 30 s).
 */
@Tag("benchmark")
class TrackRateBenchmark {

	private static final int CALLERS = 16;

	@Test
	void identify2000CallsFrom16CallersAt80PerSecond() throws Exception {
		run(2_000);
	}

	@Test
	void identify10000CallsFrom16CallersAt80PerSecond() throws Exception {
		run(10_000);
	}

	private void run(int calls) throws Exception {
		try (CustomerIoSandbox sandbox = CustomerIoSandbox
			.start(SandboxConfig.builder().limit(LimitGroup.TRACK, SlidingWindow.perSecond(100)).build())) {
			long[] sent = new long[calls * 2];
			AtomicInteger sends = new AtomicInteger();
			WebClient.Builder timedSends = WebClient.builder().filter((request, next) -> {
				int index = sends.getAndIncrement();
				if (index < sent.length) {
					sent[index] = System.nanoTime();
				}
				return next.exchange(request);
			});
			TrackClient trackClient = SandboxTrackClients.trackClient(sandbox, SandboxTrackClients.DEFAULT_RATE_LIMIT,
					timedSends);
			AtomicInteger next = new AtomicInteger();
			ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
			ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
			long start = System.nanoTime();
			try {
				List<Future<?>> running = new ArrayList<>();
				for (int c = 0; c < CALLERS; c++) {
					running.add(callers.submit(() -> {
						for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
							try {
								trackClient.identify(Identify.person("person-" + i)
									.email("person-" + i + "@example.com")
									.attribute("plan", (i % 3 == 0) ? "pro" : "free")
									.build()).block(Duration.ofSeconds(60));
							}
							catch (RuntimeException ex) {
								failures.add(ex);
							}
						}
					}));
				}
				for (Future<?> caller : running) {
					caller.get(calls / 40 + 120, TimeUnit.SECONDS);
				}
			}
			finally {
				callers.shutdownNow();
			}
			double elapsedSeconds = (System.nanoTime() - start) / 1e9;
			ApiStats stats = sandbox.stats().track();
			RequestTimes server = sandbox.requestTimes(SandboxApi.TRACK);
			RequestTimes sentTimes = new RequestTimes(Arrays.copyOf(sent, Math.min(sends.get(), sent.length)), false);
			Duration second = Duration.ofSeconds(1);
			System.out.printf(Locale.ROOT, "%nTrackRateBenchmark: %,d identify calls, %d callers, client at 80/s burst 1,"
					+ " server limit 100 per 1 s sliding window%n"
					+ "  achieved rate, server (n-1)/span : %6.2f/s  target >= 79   %s%n"
					+ "  achieved rate, client n/elapsed  : %6.2f/s  (%.2f s, first call's connection set-up included)%n"
					+ "  max in any 1 s window, server    : %6d    target <= 90   %s  (busiest from %.3f s)%n"
					+ "  max in any 1 s window, client    : %6d    target <= 88   %s  (busiest from %.3f s)%n"
					+ "  longest pause between sends      : %6.1f ms (a stalled timer or CPU; sends due in it then go together)%n"
					+ "  429 responses                    : %6d    target 0       %s%n"
					+ "  requests seen / accepted / lost  : %,d / %,d / %d%n%n",
					calls, CALLERS, server.ratePerSecond(), verdict(server.ratePerSecond() >= 79),
					calls / elapsedSeconds, elapsedSeconds, server.maxInWindow(second),
					verdict(server.maxInWindow(second) <= 90), server.busiestWindowStart(second).toNanos() / 1e9,
					sentTimes.maxInWindow(second), verdict(sentTimes.maxInWindow(second) <= 88),
					sentTimes.busiestWindowStart(second).toNanos() / 1e9, longestGapMillis(sentTimes), stats.rateLimited(),
					verdict(stats.rateLimited() == 0), stats.requests(), stats.accepted(), failures.size());
			assertThat(failures).as("calls that failed").isEmpty();
			assertThat(stats.accepted()).as("calls the server accepted").isEqualTo(calls);
		}
	}

	private static double longestGapMillis(RequestTimes times) {
		long[] sorted = times.toArray();
		long longest = 0;
		for (int i = 1; i < sorted.length; i++) {
			longest = Math.max(longest, sorted[i] - sorted[i - 1]);
		}
		return longest / 1e6;
	}

	private static String verdict(boolean met) {
		return met ? "met" : "MISSED";
	}

}
