package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoRateLimitHealthIndicator;
import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis is killed while two instances take permits: each goes on at its share of the rate on its local fallback and
 * says so (mode, gauge, health), then takes its permits from Redis again once Redis is back. Rates are measured on
 * the schedule of granted slots.
 */
class RedisRateLimiterFallbackTests {

	private static final double RATE = 100;

	private static final double SHARE = 0.5;

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private TestRedis redis;

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	private final List<RedisRateLimiterFactory> factories = new ArrayList<>();

	private final List<MeterRegistry> meters = new ArrayList<>();

	private final List<RedisRateLimiter> limiters = new ArrayList<>();

	private final List<PermitCallers> callers = new ArrayList<>();

	@BeforeEach
	void startTwoInstances() {
		this.redis = TestRedis.start();
		String workspace = UUID.randomUUID().toString();
		for (int i = 0; i < 2; i++) {
			LettuceConnectionFactory connection = this.redis.connectionFactory();
			MeterRegistry registry = new SimpleMeterRegistry();
			RedisRateLimiterFactory factory = new RedisRateLimiterFactory(new ReactiveStringRedisTemplate(connection),
					"test", (api) -> workspace,
					new RedisLimiterSettings(Duration.ofMillis(100), SHARE, Duration.ofMillis(200)), System::nanoTime,
					registry);
			this.connections.add(connection);
			this.meters.add(registry);
			this.factories.add(factory);
			this.limiters.add(factory.create("customerio-track", "track",
					new RateLimitSettings(RATE, 1, Duration.ofSeconds(5)), Map.of()));
		}
		this.limiters.forEach((limiter) -> limiter.reservePermission(1));
	}

	@AfterEach
	void stop() throws InterruptedException {
		for (PermitCallers instance : this.callers) {
			instance.stop();
		}
		this.connections.forEach(LettuceConnectionFactory::destroy);
		this.redis.close();
	}

	@Test
	void deliveryGoesOnAtEachInstancesShareWhileRedisIsDownAndSharedAgainAfter() throws InterruptedException {
		for (int i = 0; i < 2; i++) {
			this.callers.add(new PermitCallers().start(this.limiters.get(i), 4, "instance-" + i));
		}
		Thread.sleep(1_000);
		assertThat(this.limiters).allSatisfy((limiter) -> assertThat(limiter.mode()).isEqualTo(RedisRateLimiter.Mode.REDIS));

		long killed = System.nanoTime();
		this.redis.stopServer();
		// round trips fail for a second (RedisRateLimiter.OUTAGE) before an instance falls back
		Thread.sleep(3_500);
		for (int i = 0; i < 2; i++) {
			assertThat(this.limiters.get(i).mode()).isEqualTo(RedisRateLimiter.Mode.FALLBACK);
			assertThat(fallbackGauge(i)).isEqualTo(1);
			assertThat(trackHealth(i)).containsEntry("permits", "fallback");
			long[] duringOutage = PermitCallers.between(this.callers.get(i).slots(), killed + 2 * SECOND,
					killed + 3 * SECOND);
			assertThat(duringOutage.length).as("permits of instance %d in the 3rd second without Redis", i)
				.isBetween((int) (RATE * SHARE * 0.9), (int) (RATE * SHARE * 1.1) + 1);
		}
		long[] bothDuringOutage = PermitCallers.between(PermitCallers.merge(this.callers), killed + 2 * SECOND,
				killed + 3 * SECOND);
		assertThat(PermitCallers.maxInWindow(bothDuringOutage, SECOND)).isLessThanOrEqualTo((int) (RATE * 1.1));

		this.redis.startServer();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
				this.limiters).allSatisfy((limiter) -> assertThat(limiter.mode()).isEqualTo(RedisRateLimiter.Mode.REDIS)));
		long back = System.nanoTime();
		Thread.sleep(2_000);
		for (int i = 0; i < 2; i++) {
			assertThat(this.limiters.get(i).mode()).isEqualTo(RedisRateLimiter.Mode.REDIS);
			assertThat(fallbackGauge(i)).isZero();
			assertThat(trackHealth(i)).containsEntry("permits", "redis");
		}
		long[] sharedAgain = PermitCallers.between(PermitCallers.merge(this.callers), back + SECOND, back + 2 * SECOND);
		assertThat(sharedAgain.length).as("permits of both instances in the 2nd second after Redis came back")
			.isBetween((int) (RATE * 0.9), (int) (RATE * 1.1) + 1);
	}

	private double fallbackGauge(int instance) {
		return this.meters.get(instance).get(RedisRateLimiterFactory.FALLBACK_GAUGE).tag("api", "track").gauge().value();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> trackHealth(int instance) {
		Health health = new CustomerIoRateLimitHealthIndicator(() -> this.factories.get(instance)).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		return (Map<String, Object>) health.getDetails().get("track");
	}

}
