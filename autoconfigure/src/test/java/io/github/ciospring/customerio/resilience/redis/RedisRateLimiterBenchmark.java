package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures of the shared limiter on localhost, printed (no assertion on speed):
 * <ol>
 * <li>Redis commands per permit and permit latency (p50/p99/p99.9 of {@code reservePermission}) with 8 threads,
 * at a rate high enough that no permit waits, so the latency is the round trip.</li>
 * <li>Four instances at 80/s for 30 s, 16 callers each: the largest number of slots in any 1 s window, and the
 * achieved rate, from the granted slots.</li>
 * </ol>
 * Run: {@code mvn -B -pl autoconfigure test -Dtest=RedisRateLimiterBenchmark -Dgroups=benchmark
 * -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class RedisRateLimiterBenchmark {

	private TestRedis redis;

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	@BeforeEach
	void startRedis() {
		this.redis = TestRedis.start();
	}

	@AfterEach
	void stopRedis() {
		this.connections.forEach(LettuceConnectionFactory::destroy);
		this.redis.close();
	}

	private RedisRateLimiter limiter(String workspace, double rate) {
		LettuceConnectionFactory connection = this.redis.connectionFactory();
		this.connections.add(connection);
		RedisRateLimiterFactory factory = new RedisRateLimiterFactory(new ReactiveStringRedisTemplate(connection),
				"bench", (api) -> workspace,
				new RedisLimiterSettings(Duration.ofSeconds(2), 0.25, Duration.ofSeconds(1)), System::nanoTime, null);
		return factory.create("customerio-track", "track", new RateLimitSettings(rate, 1, Duration.ofSeconds(30)),
				Map.of());
	}

	@Test
	void roundTripsAndLatencyPerPermitWithEightThreads() throws Exception {
		int threads = 8;
		int permitsPerThread = 5_000;
		RedisRateLimiter limiter = limiter(UUID.randomUUID().toString(), 1_000_000);
		for (int i = 0; i < 1_000; i++) {
			limiter.reservePermission(1);
		}
		ReactiveStringRedisTemplate admin = new ReactiveStringRedisTemplate(this.connections.get(0));
		long commandsBefore = totalCommands(admin);
		long scriptCallsBefore = scriptCalls(admin);
		long[] latencies = new long[threads * permitsPerThread];
		AtomicLong waited = new AtomicLong();
		CountDownLatch done = new CountDownLatch(threads);
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			int offset = t * permitsPerThread;
			new Thread(() -> {
				for (int i = 0; i < permitsPerThread; i++) {
					long before = System.nanoTime();
					long wait = limiter.reservePermission(1);
					latencies[offset + i] = System.nanoTime() - before;
					if (wait > 0) {
						waited.incrementAndGet();
					}
				}
				done.countDown();
			}).start();
		}
		done.await();
		double seconds = (System.nanoTime() - start) / 1e9;
		long scriptCalls = scriptCalls(admin) - scriptCallsBefore;
		long commands = totalCommands(admin) - commandsBefore - 2;
		Arrays.sort(latencies);
		int permits = latencies.length;
		System.out.printf("%n[benchmark] shared limiter, 8 threads, %d permits in %.2f s (%.0f permits/s), mode %s%n",
				permits, seconds, permits / seconds, limiter.mode());
		System.out.printf("[benchmark]   round trips (script calls) per permit: %.3f (%d calls)%n",
				(double) scriptCalls / permits, scriptCalls);
		System.out.printf("[benchmark]   Redis commands per permit, the script's own included: %.3f%n",
				(double) commands / permits);
		System.out.printf("[benchmark]   permit latency: p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us%n",
				percentile(latencies, 0.50) / 1e3, percentile(latencies, 0.99) / 1e3,
				percentile(latencies, 0.999) / 1e3, latencies[permits - 1] / 1e3);
		System.out.printf("[benchmark]   permits that had to wait for a slot: %d%n", waited.get());
		assertThat(limiter.mode()).isEqualTo(RedisRateLimiter.Mode.REDIS);
	}

	@Test
	void fourInstancesAtEightyPerSecondForThirtySeconds() throws Exception {
		double rate = 80;
		String workspace = UUID.randomUUID().toString();
		List<RedisRateLimiter> limiters = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			limiters.add(limiter(workspace, rate));
		}
		limiters.forEach((limiter) -> limiter.reservePermission(1));
		Thread.sleep(100);
		List<PermitCallers> callers = new ArrayList<>();
		for (int i = 0; i < limiters.size(); i++) {
			callers.add(new PermitCallers().start(limiters.get(i), 16, "instance-" + i));
		}
		Thread.sleep(30_000);
		for (PermitCallers instance : callers) {
			instance.stop();
		}
		long[] slots = PermitCallers.merge(callers);
		// the last callers' slots reach past the run; measure over the whole seconds the run covered
		long[] run = PermitCallers.between(slots, slots[0], slots[0] + TimeUnit.SECONDS.toNanos(30));
		System.out.printf("%n[benchmark] four instances sharing %.0f/s for 30 s, 16 callers each%n", rate);
		System.out.printf("[benchmark]   permits: %d (per instance %s)%n", run.length,
				callers.stream().map((it) -> Integer.toString(it.slots().length)).toList());
		System.out.printf("[benchmark]   largest 1 s window: %d%n",
				PermitCallers.maxInWindow(run, TimeUnit.SECONDS.toNanos(1)));
		System.out.printf("[benchmark]   achieved rate: %.2f/s%n", PermitCallers.rate(run));
		System.out.printf("[benchmark]   instances that fell back: %d%n",
				limiters.stream().filter((it) -> it.lastFailure() != null).count());
		assertThat(run.length).isPositive();
	}

	private static long totalCommands(ReactiveStringRedisTemplate admin) {
		Properties stats = admin.execute((connection) -> connection.serverCommands().info("stats"))
			.next()
			.block(Duration.ofSeconds(5));
		return Long.parseLong(stats.getProperty("total_commands_processed").trim());
	}

	/** EVAL and EVALSHA calls so far: each is one round trip from a client. */
	private static long scriptCalls(ReactiveStringRedisTemplate admin) {
		Properties stats = admin.execute((connection) -> connection.serverCommands().info("commandstats"))
			.next()
			.block(Duration.ofSeconds(5));
		long calls = 0;
		for (String command : List.of("cmdstat_eval", "cmdstat_evalsha")) {
			String value = stats.getProperty(command);
			if (value != null) {
				calls += Long.parseLong(value.replaceAll("^calls=(\\d+),.*", "$1"));
			}
		}
		return calls;
	}

	private static double percentile(long[] sorted, double fraction) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
	}

}
