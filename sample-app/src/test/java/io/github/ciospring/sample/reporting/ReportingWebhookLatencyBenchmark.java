package io.github.ciospring.sample.reporting;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.ciospring.customerio.test.webhooks.SignedWebhookSender;
import io.github.ciospring.sample.SampleApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast the reporting webhook endpoint answers, as Customer.io would see it: the sample app runs in its own,
 * cold JVM (WebFlux on Netty, the app's counting listener), and this JVM signs and posts events to it over HTTP
 * with {@link SignedWebhookSender}. Prints the first request's latency, then p50/p90/p99/max of sequential
 * requests (Customer.io sends one at a time per webhook) and of 8 concurrent senders. Customer.io's timeout is
 * 4 s; fails only if a request is not answered 200.
 * <p>
 * Run: {@code mvn -B -pl sample-app -am test -Dgroups=benchmark -DexcludedGroups=none
 * -Dtest=ReportingWebhookLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class ReportingWebhookLatencyBenchmark {

	private static final String KEY = "benchmark-signing-key-77aa";

	@Test
	void latencyOfSignedEventsAgainstTheSampleAppInItsOwnJvm() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Files.createTempFile("webhook-benchmark-app", ".log");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SampleApplication.class.getName(), "--server.port=" + port,
				"--customerio.webhooks.signing-key=" + KEY, "--logging.level.root=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			URI endpoint = URI.create("http://localhost:" + port + "/customerio/webhooks");
			long started = System.nanoTime();
			awaitUp(URI.create("http://localhost:" + port + "/actuator/health"), app, log.toFile());
			System.out.printf("%nsample app up in its own JVM after %.1f s%n", (System.nanoTime() - started) / 1e9);
			SignedWebhookSender sender = new SignedWebhookSender(endpoint, KEY, Clock.systemUTC());
			long first = timed(sender, 0);
			System.out.printf("first request (cold endpoint): %.1f ms%n", first / 1e6);
			report("sequential, 1 sender, 5000 requests after 1000 warm-up", sequential(sender, 1000, 5000));
			report("concurrent, 8 senders, 8 x 1000 requests", concurrent(sender, 8, 1000));
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
			Files.deleteIfExists(log);
		}
	}

	private static long[] sequential(SignedWebhookSender sender, int warmUp, int count) throws Exception {
		for (int i = 0; i < warmUp; i++) {
			timed(sender, i);
		}
		long[] latencies = new long[count];
		for (int i = 0; i < count; i++) {
			latencies[i] = timed(sender, warmUp + i);
		}
		return latencies;
	}

	private static long[] concurrent(SignedWebhookSender sender, int senders, int each) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		try {
			List<Future<long[]>> results = new ArrayList<>();
			for (int s = 0; s < senders; s++) {
				int offset = 1_000_000 * (s + 1);
				results.add(pool.submit(() -> {
					long[] latencies = new long[each];
					for (int i = 0; i < each; i++) {
						latencies[i] = timed(sender, offset + i);
					}
					return latencies;
				}));
			}
			long[] all = new long[senders * each];
			for (int s = 0; s < senders; s++) {
				System.arraycopy(results.get(s).get(), 0, all, s * each, each);
			}
			return all;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long timed(SignedWebhookSender sender, int n) throws Exception {
		String json = SignedWebhookSender.event(String.format("01BENCH%019d", n), "email", "opened",
				Instant.now().getEpochSecond());
		long start = System.nanoTime();
		int status = sender.send(json);
		long elapsed = System.nanoTime() - start;
		assertThat(status).as("status of request %d", n).isEqualTo(200);
		return elapsed;
	}

	private static void report(String what, long[] latencies) {
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		System.out.printf("%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
				percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.90) / 1e6, percentile(sorted, 0.99) / 1e6,
				sorted[sorted.length - 1] / 1e6);
	}

	private static long percentile(long[] sorted, double p) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	}

	private static void awaitUp(URI health, Process app, File log) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("the sample app exited: " + Files.readString(log.toPath()));
			}
			try {
				if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (java.io.IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the sample app did not start within 3 minutes");
	}

}
