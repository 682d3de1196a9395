package io.github.ciospring.customerio.delivery;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.PersonIdentifier;
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
import io.github.ciospring.customerio.track.Event;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.ciospring.customerio.track.TrackOperation;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivers 1,000,000 events through {@code /api/v2/batch} at the default Track rate (80 requests/s, burst 1)
 * and default delivery settings, to a local Reactor Netty server on 127.0.0.1 that answers at once and counts
 * every event id it receives (in a bit set, so the server adds no per-event heap). Prints events/s, requests,
 * events per request, lost and duplicated ids, and heap; then a 10 s sample of one request per event
 * ({@code TrackClient.track}) under the same limiter. Figures are printed, never asserted; only correctness
 * (nothing lost, nothing duplicated) is asserted.
 * <p>
 * Run: {@code mvn -B -pl autoconfigure test -Dgroups=benchmark -DexcludedGroups=none -Dtest=DeliveryBenchmark}
 * (add {@code -DargLine=-Xmx256m} to check that the default capacity runs in a small heap). At the defaults the
 * ceiling is 80 requests/s x 1000 operations per batch; to see past it, pass
 * {@code -DargLine=-Ddelivery.benchmark.max-batch-items=2500} (bodies of these events stay below 500,000 bytes).
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryBenchmark {

	private static final int EVENTS = 1_000_000;

	private static final Duration PER_EVENT_SAMPLE = Duration.ofSeconds(10);

	/** The Track client's defaults: 80 requests per second, burst 1, 30 s max wait. */
	private static final RateLimitSettings TRACK_RATE = new RateLimitSettings(80, 1, Duration.ofSeconds(30));

	private static CountingTrackServer server;

	private static TrackClient client;

	private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** The default delivery settings, with max-batch-items from -Ddelivery.benchmark.max-batch-items if given. */
	private static DeliverySettings settings(Duration offerTimeout) {
		DeliverySettings defaults = DeliverySettings.defaults();
		int maxBatchItems = Integer.getInteger("delivery.benchmark.max-batch-items", defaults.maxBatchItems());
		return new DeliverySettings(defaults.capacityItems(), defaults.capacityBytes(), maxBatchItems,
				defaults.maxBatchBytes(), defaults.linger(), defaults.concurrency(), offerTimeout,
				defaults.drainTimeout(), defaults.redeliveryAttempts(), defaults.redeliveryDelay());
	}

	@BeforeAll
	static void start() {
		server = new CountingTrackServer();
		ApiResilience resilience = ApiResilienceFactory.standalone()
			.create("track", TRACK_RATE, RetrySettings.defaults(RetryOn.TRANSIENT_FAILURES));
		CustomerIoHttpClient http = CustomerIoHttpClient.create(WebClient.builder(),
				new ConnectionSettings(server.baseUrl(), Authentication.basic("site", "key"), Duration.ofSeconds(5),
						Duration.ofSeconds(30)),
				new JsonCodec(), new CustomerIoMeters(meters), Clock.systemUTC());
		client = new TrackClient(http, resilience);
		System.out.printf("%nDeliveryBenchmark: %d cores, max heap %d MB, Java %s, %s%n",
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
				System.getProperty("java.version"), settings(Duration.ZERO));
	}

	@AfterAll
	static void stop() {
		server.dispose();
	}

	@Test
	@Order(0)
	void warmUp() {
		TrackDeliveryQueue queue = TrackDeliveryQueue.builder(client).build();
		queue.deliverAll(Flux.range(0, 100_000).map(DeliveryBenchmark::event)).block();
		queue.close();
		System.out.printf("%n  warm-up: 100,000 events delivered (not measured)%n");
	}

	@Test
	@Order(1)
	void bulkImportOfOneMillionEvents() {
		server.reset();
		TrackDeliveryQueue queue = TrackDeliveryQueue.builder(client).settings(settings(Duration.ZERO)).build();
		HeapSampler heap = HeapSampler.start();
		long start = System.nanoTime();

		BulkSummary summary = queue.deliverAll(Flux.range(0, EVENTS).map(DeliveryBenchmark::event)).block();

		long elapsed = System.nanoTime() - start;
		heap.stop();
		queue.close();
		report("deliverAll(Flux), 1 producer", elapsed, queue.stats(), heap, 0);
		assertThat(summary.delivered()).isEqualTo(EVENTS);
		assertNothingLostOrDuplicated();
	}

	@Test
	@Order(2)
	void offersOfOneMillionEventsFromTwoThreads() throws Exception {
		server.reset();
		// offer() waits up to 5 s for space instead of refusing at once
		TrackDeliveryQueue queue = TrackDeliveryQueue.builder(client).settings(settings(Duration.ofSeconds(5))).build();
		HeapSampler heap = HeapSampler.start();
		AtomicLong refused = new AtomicLong();
		long start = System.nanoTime();
		List<Thread> producers = List.of(0, 1).stream().map((p) -> new Thread(() -> {
			for (int n = p; n < EVENTS; n += 2) {
				try {
					queue.offer(event(n));
				}
				catch (DeliveryRejectedException ex) {
					refused.incrementAndGet();
				}
			}
		}, "producer-" + p)).toList();
		producers.forEach(Thread::start);
		for (Thread producer : producers) {
			producer.join();
		}
		queue.shutdown(Duration.ofSeconds(60)).get(90, TimeUnit.SECONDS);

		long elapsed = System.nanoTime() - start;
		heap.stop();
		queue.close();
		report("offer(), 2 producer threads, offer-timeout 5s", elapsed, queue.stats(), heap, refused.get());
		assertThat(refused.get()).isZero();
		assertNothingLostOrDuplicated();
	}

	@Test
	@Order(3)
	void oneRequestPerEventUnderTheSameLimiter() {
		server.reset();
		AtomicLong delivered = new AtomicLong();
		long start = System.nanoTime();
		Flux.range(0, Integer.MAX_VALUE)
			.flatMap((n) -> client.track(Event.of("user" + n + "@example.com", "order_completed", Map.of("n", n)))
				.doOnSuccess((done) -> delivered.incrementAndGet()), 16)
			.take(PER_EVENT_SAMPLE)
			.onErrorResume((ex) -> Mono.empty())
			.blockLast();
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("%n  TrackClient.track (one request per event), %.1f s sample:%n", seconds);
		System.out.printf("    events/s            %,.0f%n", delivered.get() / seconds);
		System.out.printf("    requests received   %,d%n", server.eventRequests.get());
	}

	private static void assertNothingLostOrDuplicated() {
		assertThat(server.lost(EVENTS)).isZero();
		assertThat(server.duplicated.get()).isZero();
		assertThat(server.foreign.get()).isZero();
	}

	private static void report(String path, long elapsedNanos, DeliveryStats stats, HeapSampler heap, long refused) {
		double seconds = elapsedNanos / 1e9;
		long requests = server.batchRequests.get();
		System.out.printf("%n  %s: %,d events in %.2f s%n", path, EVENTS, seconds);
		System.out.printf("    events/s            %,.0f%n", EVENTS / seconds);
		System.out.printf("    requests received   %,d (%.1f/s), %,.0f events per request%n", requests,
				requests / seconds, (double) server.seen() / Math.max(1, requests));
		System.out.printf("    lost ids            %,d%n", server.lost(EVENTS));
		System.out.printf("    duplicated ids      %,d%n", server.duplicated.get());
		System.out.printf("    queue stats         %s%n", stats);
		System.out.printf("    refused offers      %,d%n", refused);
		System.out.printf("    heap used, peak     %,d MB (sampled every 10 ms)%n", heap.peakUsed() >> 20);
		System.out.printf("    heap after GC, peak %,d MB%n", heap.peakAfterGc() >> 20);
		System.out.printf("    GC                  %d collections, %d ms%n", heap.collections(), heap.gcMillis());
		Timer attempts = meters.find(CustomerIoMeters.REQUESTS).tag("operation", "batch").timer();
		if (attempts != null) {
			System.out.printf("    HTTP attempt        mean %.1f ms, max %.1f ms (all runs so far)%n",
					attempts.mean(TimeUnit.MILLISECONDS), attempts.max(TimeUnit.MILLISECONDS));
		}
	}

	/** An event with a deterministic id the server can decode: {@link #ID_PREFIX} and 13 base32 digits. */
	static TrackOperation event(int n) {
		return new TrackOperation("person", "event", PersonIdentifier.email("user" + (n % 100_000) + "@example.com"),
				"order_completed", id(n), null, Map.of("plan", "pro", "amount", n % 1000, "currency", "EUR"), null,
				null, null);
	}

	private static final String ID_PREFIX = "01JBENCH00000";

	private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	static String id(long n) {
		char[] digits = new char[13];
		for (int i = 12; i >= 0; i--) {
			digits[i] = CROCKFORD.charAt((int) (n & 31));
			n >>>= 5;
		}
		return ID_PREFIX + new String(digits);
	}

	/**
	 * A Track stand-in on 127.0.0.1 that answers every batch at once with {@code 200 {}} and records each event
	 * id it received, by scanning for {@code "id":"} + the benchmark prefix (no JSON tree, no per-id objects).
	 */
	static final class CountingTrackServer {

		private static final byte[] ID_KEY = ("\"id\":\"" + ID_PREFIX).getBytes(StandardCharsets.US_ASCII);

		private final DisposableServer server;

		private final BitSet seen = new BitSet(EVENTS);

		final AtomicLong duplicated = new AtomicLong();

		final AtomicLong foreign = new AtomicLong();

		final AtomicLong batchRequests = new AtomicLong();

		final AtomicLong eventRequests = new AtomicLong();

		CountingTrackServer() {
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route((routes) -> routes
					.post("/api/v2/batch", (request, response) -> request.receive().aggregate().asByteArray()
						.flatMap((body) -> {
							this.batchRequests.incrementAndGet();
							count(body);
							return response.status(200).header("Content-Type", "application/json")
								.sendString(Mono.just("{}")).then();
						}))
					.post("/api/v1/customers/{identifier}/events", (request, response) -> request.receive()
						.then(Mono.defer(() -> {
							this.eventRequests.incrementAndGet();
							return response.status(200).send().then();
						}))))
				.bindNow();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.port();
		}

		void reset() {
			synchronized (this.seen) {
				this.seen.clear();
			}
			this.duplicated.set(0);
			this.foreign.set(0);
			this.batchRequests.set(0);
			this.eventRequests.set(0);
		}

		long seen() {
			synchronized (this.seen) {
				return this.seen.cardinality();
			}
		}

		long lost(int expected) {
			return expected - seen();
		}

		private void count(byte[] body) {
			synchronized (this.seen) {
				for (int i = indexOf(body, 0); i >= 0; i = indexOf(body, i + ID_KEY.length + 13)) {
					long n = 0;
					for (int d = 0; d < 13; d++) {
						n = (n << 5) | CROCKFORD.indexOf(body[i + ID_KEY.length + d]);
					}
					if (n < 0 || n >= EVENTS) {
						this.foreign.incrementAndGet();
					}
					else if (this.seen.get((int) n)) {
						this.duplicated.incrementAndGet();
					}
					else {
						this.seen.set((int) n);
					}
				}
			}
		}

		private static int indexOf(byte[] body, int from) {
			outer: for (int i = from; i <= body.length - ID_KEY.length - 13; i++) {
				for (int k = 0; k < ID_KEY.length; k++) {
					if (body[i + k] != ID_KEY[k]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

		void dispose() {
			this.server.disposeNow();
		}

	}

	/** Samples heap use every 10 ms, and reads the heap left after each collection. */
	static final class HeapSampler {

		private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();

		private final long collectionsBefore = collections(0);

		private final long gcMillisBefore = gcMillis(0);

		private final AtomicLong peakUsed = new AtomicLong();

		private final AtomicLong peakAfterGc = new AtomicLong();

		private volatile boolean running = true;

		private Thread thread;

		static HeapSampler start() {
			System.gc();
			HeapSampler sampler = new HeapSampler();
			sampler.thread = new Thread(sampler::run, "heap-sampler");
			sampler.thread.setDaemon(true);
			sampler.thread.start();
			return sampler;
		}

		private void run() {
			while (this.running) {
				sample();
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private void sample() {
			this.peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
					Math::max);
			long afterGc = 0;
			for (MemoryPoolMXBean pool : this.heapPools) {
				MemoryUsage usage = pool.getCollectionUsage();
				afterGc += (usage != null) ? usage.getUsed() : 0;
			}
			this.peakAfterGc.accumulateAndGet(afterGc, Math::max);
		}

		void stop() throws IllegalStateException {
			this.running = false;
			sample();
			try {
				this.thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		long peakUsed() {
			return this.peakUsed.get();
		}

		long peakAfterGc() {
			return this.peakAfterGc.get();
		}

		long collections() {
			return collections(this.collectionsBefore);
		}

		long gcMillis() {
			return gcMillis(this.gcMillisBefore);
		}

		private static long collections(long before) {
			return ManagementFactory.getGarbageCollectorMXBeans()
				.stream()
				.mapToLong(GarbageCollectorMXBean::getCollectionCount)
				.sum() - before;
		}

		private static long gcMillis(long before) {
			return ManagementFactory.getGarbageCollectorMXBeans()
				.stream()
				.mapToLong(GarbageCollectorMXBean::getCollectionTime)
				.sum() - before;
		}

	}

}
