package io.github.ciospring.customerio.app;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The App API limiters at their default rates against a local server that enforces Customer.io's limits with a
 * sliding one-second window and answers 429 beyond them (a 429 is retried, so every call ends up served). Prints,
 * per API instance, the calls made, the rate achieved, the most requests the server saw in any one second, and the
 * 429s. Lookups also run at 9/s, to show what headroom below the server's limit buys against timing jitter. Run
 * with
 * {@code mvn -B -q -pl autoconfigure test -Dtest=AppRateLimitBenchmark -Dgroups=benchmark -DexcludedGroups=none}.
 */
@Tag("benchmark")
class AppRateLimitBenchmark {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private HttpServer server;

	private ExecutorService executor;

	private volatile SlidingWindow exports = new SlidingWindow(10);

	private final SlidingWindow sends = new SlidingWindow(100);

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.executor = Executors.newFixedThreadPool(16);
		this.server.setExecutor(this.executor);
		this.server.createContext("/v1/exports",
				(exchange) -> answer(exchange, this.exports, "{\"exports\":[]}"));
		this.server.createContext("/v1/send/sms",
				(exchange) -> answer(exchange, this.sends, "{\"delivery_id\":\"d\",\"queued_at\":1594838400}"));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void lookupsAtTheDefaultTenPerSecondAndWithHeadroom() {
		for (double rate : new double[] { 10, 9 }) {
			SlidingWindow server = new SlidingWindow(10);
			this.exports = server;
			AppClient client = AppClientFixture.at(baseUrl())
				.appRate(new RateLimitSettings(rate, 1, Duration.ofSeconds(30)))
				.build();
			int calls = 100;

			long start = System.nanoTime();
			Flux.range(0, calls).flatMap((i) -> client.listExports(), 16).blockLast(Duration.ofMinutes(2));
			long elapsed = System.nanoTime() - start;

			print("app (lookups at " + rate + "/s, server window 10/s)", calls, elapsed, server);
		}
	}

	@Test
	void transactionalSendsAtTheDefaultEightyPerSecond() {
		AppClient client = AppClientFixture.at(baseUrl())
			.transactionalRate(new RateLimitSettings(80, 1, Duration.ofSeconds(30)))
			.build();
		TransactionalSms sms = TransactionalSms.template(9).identifiers(PersonIdentifier.id("42")).to("+15550000000").build();
		int calls = 800;

		long start = System.nanoTime();
		Flux.range(0, calls).flatMap((i) -> client.sendSms(sms), 64).blockLast(Duration.ofMinutes(2));
		long elapsed = System.nanoTime() - start;

		print("transactional (sends at 80/s, server window 100/s)", calls, elapsed, this.sends);
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static void print(String instance, int calls, long elapsedNanos, SlidingWindow window) {
		double seconds = elapsedNanos / (double) SECOND;
		double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		System.out.printf(
				"%s: %d calls in %.2f s = %.2f/s; server saw at most %d in any 1 s window; %d rejected (429) at %s ms;"
						+ " load average %.1f on %d cores%n",
				instance, calls, seconds, calls / seconds, window.maxInAnySecond(), window.rejected(),
				window.rejectedAtMillis(), load, Runtime.getRuntime().availableProcessors());
	}

	private static void answer(HttpExchange exchange, SlidingWindow window, String body) throws IOException {
		boolean accepted = window.admit(System.nanoTime());
		exchange.getRequestBody().readAllBytes();
		byte[] bytes = (accepted ? body : "{\"meta\":{\"error\":\"rate limited\"}}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(accepted ? 200 : 429, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** Admits at most {@code limit} requests in any one-second window, and remembers every arrival. */
	static final class SlidingWindow {

		private final int limit;

		private final Deque<Long> recent = new ArrayDeque<>();

		private final List<Long> arrivals = new ArrayList<>();

		private final List<Long> rejections = new ArrayList<>();

		SlidingWindow(int limit) {
			this.limit = limit;
		}

		synchronized boolean admit(long now) {
			this.arrivals.add(now);
			while (!this.recent.isEmpty() && this.recent.peekFirst() <= now - SECOND) {
				this.recent.pollFirst();
			}
			if (this.recent.size() >= this.limit) {
				this.rejections.add(now);
				return false;
			}
			this.recent.addLast(now);
			return true;
		}

		synchronized int rejected() {
			return this.rejections.size();
		}

		/** When the 429s were answered, in milliseconds after the first request. */
		synchronized List<Long> rejectedAtMillis() {
			long first = this.arrivals.stream().mapToLong(Long::longValue).min().orElse(0);
			return this.rejections.stream().map((at) -> (at - first) / 1_000_000).toList();
		}

		synchronized int maxInAnySecond() {
			List<Long> sorted = new ArrayList<>(this.arrivals);
			sorted.sort(null);
			int max = 0;
			int first = 0;
			for (int last = 0; last < sorted.size(); last++) {
				while (sorted.get(last) - sorted.get(first) >= SECOND) {
					first++;
				}
				max = Math.max(max, last - first + 1);
			}
			return max;
		}

	}

}
