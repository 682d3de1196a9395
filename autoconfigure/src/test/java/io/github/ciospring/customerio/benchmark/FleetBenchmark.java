package io.github.ciospring.customerio.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.github.ciospring.customerio.support.TestRedis;
import io.github.ciospring.customerio.support.Windows;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limit as Customer.io sees it from a fleet of cold instances: each instance is a separate JVM started
 * cold ({@link FleetInstance}, the starter through Spring Boot's auto-configuration), 16 callers each, against a
 * {@link SlidingWindowServer} that counts arrivals in a sliding one-second window and answers 429 above its
 * capacity; with {@code customerio.rate-limit.store=redis}, a real {@code redis-server} (the embedded-redis binary).
 * Each case prints the largest one-second window overall, after the first 2 s and its p99, the 429s and the
 * accepted rate. Nothing is asserted on speed; the only assertion is that every instance finished.
 * <p>
 * Run all cases: {@code mvn -B -ntp -pl autoconfigure test -Dgroups=benchmark -DexcludedGroups=none
 * -Dtest=FleetBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; one case with {@code -Dtest='FleetBenchmark#name'}.
 */
@Tag("benchmark")
class FleetBenchmark {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void oneColdJvm() throws Exception {
		try (SlidingWindowServer server = new SlidingWindowServer(100)) {
			Fleet fleet = Fleet.start(server, 1, 4000, List.of());
			fleet.awaitDone();
			report("1 cold JVM, 4,000 calls, 80/s, 100/s server", server.figures());
			reportWrites(fleet);
		}
	}

	@Test
	void twoColdJvmsOnOneRedis() throws Exception {
		coldJvmsOnOneRedis(2, 2000);
	}

	@Test
	void fourColdJvmsOnOneRedis() throws Exception {
		coldJvmsOnOneRedis(4, 1000);
	}

	private void coldJvmsOnOneRedis(int instances, int callsEach) throws Exception {
		try (TestRedis redis = TestRedis.start(); SlidingWindowServer server = new SlidingWindowServer(100)) {
			Fleet fleet = Fleet.start(server, instances, callsEach, redisProperties(redis, instances));
			fleet.awaitDone();
			report(instances + " cold JVMs on one Redis, " + callsEach + " calls each, 80/s in total",
					server.figures());
			reportWrites(fleet);
		}
	}

	@Test
	void redisKilledMidRunThenRestarted() throws Exception {
		try (TestRedis redis = TestRedis.start(); SlidingWindowServer server = new SlidingWindowServer(100)) {
			Fleet fleet = Fleet.start(server, 2, 2000, redisProperties(redis, 2));
			long first = awaitFirstArrival(server);
			sleepUntil(first + 8 * SECOND);
			redis.stopServer();
			long killed = System.nanoTime();
			sleepUntil(killed + 5 * SECOND);
			redis.startServer();
			long restarted = System.nanoTime();
			fleet.awaitDone();
			report("2 cold JVMs on one Redis, Redis killed at 8 s for 5 s", server.figures());
			reportWrites(fleet);
			System.out.printf("Redis killed %.2f s after the first request, back %.2f s later%n",
					(double) (killed - first) / SECOND, (double) (restarted - killed) / SECOND);
			printAcceptedPerSecond(server.figures(), first);
			for (Line line : fleet.lines()) {
				if (line.text().contains("Redis")) {
					System.out.printf("  %+.3f s after the restart, instance %d: %s%n",
							(double) (line.nanoTime() - restarted) / SECOND, line.instance(), line.text());
				}
			}
		}
	}

	@Test
	void oneOfTwoCutOffFromRedis() throws Exception {
		try (TestRedis redis = TestRedis.start(); SlidingWindowServer server = new SlidingWindowServer(100);
				CuttableProxy proxy = new CuttableProxy(redis.host(), redis.port())) {
			List<String> direct = redisProperties(redis, 2);
			List<String> proxied = new ArrayList<>(direct);
			proxied.set(2, "--spring.data.redis.port=" + proxy.port());
			Fleet fleet = Fleet.start(server, 2, 2000, (instance) -> (instance == 1) ? proxied : direct);
			long first = awaitFirstArrival(server);
			// both instances sending for a few seconds first, however long the cold starts took
			sleepUntil(fleet.awaitReady() + 5 * SECOND);
			proxy.cut();
			long cut = System.nanoTime();
			sleepUntil(cut + 8 * SECOND);
			proxy.restore();
			long restored = System.nanoTime();
			fleet.awaitDone();
			report("2 cold JVMs on one Redis, instance 1 cut off from it for 8 s, 5 s after both are ready", server.figures());
			reportWrites(fleet);
			System.out.printf("cut %.2f s after the first request, restored %.2f s later%n",
					(double) (cut - first) / SECOND, (double) (restored - cut) / SECOND);
			printAcceptedPerSecond(server.figures(), first);
			for (Line line : fleet.lines()) {
				if (line.text().contains("Redis")) {
					System.out.printf("  %+.3f s after the cut, instance %d: %s%n",
							(double) (line.nanoTime() - cut) / SECOND, line.instance(), line.text());
				}
			}
		}
	}

	private static void printAcceptedPerSecond(SlidingWindowServer.Figures figures, long first) {
		StringBuilder seconds = new StringBuilder("accepted per second:");
		long last = figures.arrivals()[figures.arrivals().length - 1];
		for (long t = first; t <= last; t += SECOND) {
			seconds.append(' ').append(figures.acceptedIn(t));
		}
		System.out.println(seconds);
	}

	@Test
	void sharingA40PerSecondServer() throws Exception {
		try (SlidingWindowServer server = new SlidingWindowServer(40)) {
			Fleet fleet = Fleet.start(server, 1, 2400, List.of());
			fleet.awaitDone();
			report("1 cold JVM, 2,400 calls at 80/s, against a 40/s server", server.figures());
		}
	}

	@Test
	void theOtherSenderStops() throws Exception {
		try (SlidingWindowServer server = new SlidingWindowServer(100)) {
			server.otherSender(60);
			Fleet fleet = Fleet.start(server, 1, 4000, List.of());
			long first = awaitFirstArrival(server);
			sleepUntil(first + 20 * SECOND);
			server.otherSender(0);
			long stopped = System.nanoTime();
			fleet.awaitDone();
			SlidingWindowServer.Figures figures = server.figures();
			report("1 cold JVM at 80/s; another sender takes 60 of 100/s for 20 s, then stops", figures);
			double recovered = -1;
			for (long t = stopped; t + SECOND < figures.arrivals()[figures.arrivals().length - 1]; t += SECOND / 10) {
				if (figures.acceptedIn(t) >= 76) {
					recovered = (double) (t + SECOND - stopped) / SECOND;
					break;
				}
			}
			System.out.printf("Accepted >= 76 in a 1 s window %.1f s after the other sender stopped%n", recovered);
			for (long t = first; t < stopped + 40 * SECOND; t += 5 * SECOND) {
				System.out.printf("  %3d s: %d accepted in the next 1 s%n", (t - first) / SECOND, figures.acceptedIn(t));
			}
		}
	}

	private static List<String> redisProperties(TestRedis redis, int instances) {
		return List.of("--customerio.rate-limit.store=redis", "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(),
				"--customerio.rate-limit.redis.expected-instances=" + instances);
	}

	private static void report(String name, SlidingWindowServer.Figures figures) {
		System.out.println("FLEET " + name + ": " + figures.summary());
	}

	/**
	 * The instances' own write times, merged (they share the machine's monotonic clock): what the client sent, to
	 * compare with what the stand-in counted.
	 */
	private static void reportWrites(Fleet fleet) {
		List<Long> writes = new ArrayList<>();
		for (Line line : fleet.lines()) {
			if (line.text().startsWith("WRITETIMES")) {
				for (String time : line.text().substring("WRITETIMES".length()).trim().split(" ")) {
					if (!time.isEmpty()) {
						writes.add(Long.parseLong(time));
					}
				}
			}
		}
		long first = writes.stream().mapToLong(Long::longValue).min().orElse(0);
		List<Long> after2s = writes.stream().filter((time) -> time >= first + 2 * SECOND).toList();
		System.out.printf("WRITTEN by the instances together: largest 1 s window %d (after the first 2 s: %d)%n",
				Windows.maxInAnyWindow(writes, SECOND), Windows.maxInAnyWindow(after2s, SECOND));
	}

	private static long awaitFirstArrival(SlidingWindowServer server) throws InterruptedException {
		while (server.figures().arrivals().length == 0) {
			Thread.sleep(5);
		}
		return server.figures().start();
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	/** A line an instance printed, with the time the orchestrator read it. */
	record Line(int instance, long nanoTime, String text) {

	}

	/** The instances of one case, each a JVM of its own. */
	private static final class Fleet {

		private final List<Process> processes = new ArrayList<>();

		private final List<Thread> readers = new ArrayList<>();

		private final List<Line> lines = new CopyOnWriteArrayList<>();

		static Fleet start(SlidingWindowServer server, int instances, int callsEach, List<String> extra) {
			return start(server, instances, callsEach, (instance) -> extra);
		}

		static Fleet start(SlidingWindowServer server, int instances, int callsEach,
				IntFunction<List<String>> extraFor) {
			Fleet fleet = new Fleet();
			String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
			for (int i = 0; i < instances; i++) {
				List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
						System.getProperty("java.class.path"), FleetInstance.class.getName(),
						"--fleet.calls=" + callsEach, "--fleet.instance=" + i,
						"--customerio.track.site-id=fleet-site", "--customerio.track.api-key=fleet-key",
						"--customerio.track.base-url=" + server.baseUrl(), "--logging.level.root=WARN",
						"--logging.level.io.github.ciospring.customerio=INFO"));
				command.addAll(extraFor.apply(i));
				fleet.launch(i, new ProcessBuilder(command).redirectErrorStream(true));
			}
			return fleet;
		}

		private void launch(int instance, ProcessBuilder builder) {
			try {
				Process process = builder.start();
				this.processes.add(process);
				Thread reader = new Thread(() -> read(instance, process), "fleet-reader-" + instance);
				reader.start();
				this.readers.add(reader);
			}
			catch (IOException failure) {
				throw new UncheckedIOException(failure);
			}
		}

		private void read(int instance, Process process) {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					this.lines.add(new Line(instance, System.nanoTime(), line));
					if (!line.startsWith("WRITETIMES")) {
						System.out.println("[" + instance + "] " + line);
					}
				}
			}
			catch (IOException ended) {
				// the process is gone
			}
		}

		void awaitDone() throws InterruptedException {
			try {
				for (Process process : this.processes) {
					assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("instance finished").isTrue();
					assertThat(process.exitValue()).as("instance exit code").isZero();
				}
				for (Thread reader : this.readers) {
					reader.join(5000);
				}
			}
			finally {
				this.processes.forEach(Process::destroyForcibly);
			}
			assertThat(this.lines).filteredOn((line) -> line.text().startsWith("DONE"))
				.hasSize(this.processes.size());
		}

		List<Line> lines() {
			return this.lines;
		}

		/** Waits until every instance is ready to send. @return when the last one was */
		long awaitReady() throws InterruptedException {
			while (this.lines.stream().filter((line) -> line.text().startsWith("READY")).count() < this.processes
				.size()) {
				Thread.sleep(10);
			}
			return this.lines.stream()
				.filter((line) -> line.text().startsWith("READY"))
				.mapToLong(Line::nanoTime)
				.max()
				.orElseThrow();
		}

	}

}
