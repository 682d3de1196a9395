package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four instances (each its own Redis connection and limiter) share one workspace's rate through one Redis key,
 * 16 callers each. Measured on the schedule of granted slots: no 1 s window above the rate + 10%, and together
 * they reach at least 97% of it.
 */
class RedisRateLimiterSharingTests {

	private static final double RATE = 200;

	private static final int INSTANCES = 4;

	private static final int CALLERS_PER_INSTANCE = 16;

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

	@Test
	void fourInstancesTogetherStayUnderTheRateAndReachIt() throws InterruptedException {
		String workspace = UUID.randomUUID().toString();
		List<RedisRateLimiter> limiters = new ArrayList<>();
		List<PermitCallers> callers = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			LettuceConnectionFactory connection = this.redis.connectionFactory();
			this.connections.add(connection);
			// a generous round-trip timeout: this test is about sharing, not about the fallback
			RedisRateLimiterFactory factory = new RedisRateLimiterFactory(
					new ReactiveStringRedisTemplate(connection), "test", (api) -> workspace,
					new RedisLimiterSettings(Duration.ofSeconds(2), 0.25, Duration.ofSeconds(1)), System::nanoTime,
					null);
			limiters.add(factory.create("customerio-track", "track",
					new RateLimitSettings(RATE, 1, Duration.ofSeconds(5)), Map.of()));
		}
		// connect and load the script first, so that no slot is measured from before the connection existed
		limiters.forEach((limiter) -> limiter.reservePermission(1));
		Thread.sleep(100);
		for (int i = 0; i < INSTANCES; i++) {
			callers.add(new PermitCallers().start(limiters.get(i), CALLERS_PER_INSTANCE, "instance-" + i));
		}
		Thread.sleep(4_000);
		for (PermitCallers instance : callers) {
			instance.stop();
		}

		long[] slots = PermitCallers.merge(callers);
		assertThat(limiters).allSatisfy((limiter) -> {
			assertThat(limiter.mode()).isEqualTo(RedisRateLimiter.Mode.REDIS);
			assertThat(limiter.lastFailure()).isNull();
		});
		assertThat(callers).allSatisfy((instance) -> assertThat(instance.slots()).hasSizeGreaterThan(100));
		assertThat(slots.length).isGreaterThan((int) (3 * RATE));
		assertThat(PermitCallers.maxInWindow(slots, TimeUnit.SECONDS.toNanos(1))).isLessThanOrEqualTo((int) (RATE * 1.1));
		assertThat(PermitCallers.rate(slots)).isGreaterThanOrEqualTo(RATE * 0.97);
	}

}
