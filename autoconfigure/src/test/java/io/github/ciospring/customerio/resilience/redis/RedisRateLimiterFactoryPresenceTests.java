package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.RedisTemplateExtension;
import io.github.ciospring.customerio.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An idle instance says it is there, so the others do not keep its fallback share free; one that shuts down says it
 * is gone. Against a real Redis.
 */
class RedisRateLimiterFactoryPresenceTests {

	@RegisterExtension
	static final RedisTemplateExtension redis = new RedisTemplateExtension();

	private static RedisRateLimiterFactory factory(Duration hold) {
		String workspace = UUID.randomUUID().toString();
		return new RedisRateLimiterFactory(redis.template(), "test", (api) -> workspace,
				new RedisLimiterSettings(Duration.ofMillis(500), 0.5, Duration.ofSeconds(1), hold), System::nanoTime,
				null);
	}

	private static Double lastSeen(RedisRateLimiterFactory factory) {
		RedisPermitStore store = factory.limiters().get("track").store();
		return redis.template().opsForZSet().score(store.instancesKey(), factory.presence().instanceId()).block();
	}

	@Test
	void anIdleInstanceSaysItIsThereSeveralTimesPerAbsentAfter() {
		try (RedisRateLimiterFactory factory = factory(Duration.ofSeconds(30))) {
			factory.create("customerio-track", "track", new RateLimitSettings(80, 1, Duration.ofSeconds(5)), Map.of());
			await().atMost(Duration.ofSeconds(5)).until(() -> lastSeen(factory) != null);
			double first = lastSeen(factory);

			// no permit is taken; the heartbeat alone moves the time it was last seen on
			await().atMost(Duration.ofSeconds(5)).until(() -> lastSeen(factory) > first);
		}
	}

	@Test
	void anInstanceThatShutsDownSaysItIsGone() {
		RedisRateLimiterFactory factory = factory(Duration.ofSeconds(30));
		factory.create("customerio-track", "track", new RateLimitSettings(80, 1, Duration.ofSeconds(5)), Map.of());
		await().atMost(Duration.ofSeconds(5)).until(() -> lastSeen(factory) != null);

		factory.close();

		assertThat(lastSeen(factory)).isNull();
	}

	@Test
	void anInstanceThatShutDownSaysNothingMore() throws InterruptedException {
		RedisRateLimiterFactory factory = factory(Duration.ofSeconds(30));
		factory.create("customerio-track", "track", new RateLimitSettings(80, 1, Duration.ofSeconds(5)), Map.of());
		await().atMost(Duration.ofSeconds(5)).until(() -> lastSeen(factory) != null);

		factory.close();
		Thread.sleep(800);

		assertThat(lastSeen(factory)).as("no heartbeat after close").isNull();
	}

	@Test
	void anInstanceOnItsFallbackDoesNotSayItIsThereSoTheOthersKeepItsShareFree() throws InterruptedException {
		try (TestRedis own = TestRedis.start()) {
			LettuceConnectionFactory connection = own.connectionFactory();
			ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(connection);
			// a recheck only after an hour: once on its fallback, the limiter stays there for the test
			try (RedisRateLimiterFactory factory = new RedisRateLimiterFactory(template, "test", (api) -> "fallback",
					new RedisLimiterSettings(Duration.ofMillis(100), 0.5, Duration.ofHours(1), Duration.ofSeconds(30)),
					System::nanoTime, null)) {
				RedisRateLimiter limiter = factory.create("customerio-track", "track",
						new RateLimitSettings(80, 1, Duration.ofSeconds(5)), Map.of());
				limiter.reservePermission(1);
				own.stopServer();
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					limiter.reservePermission(1);
					return limiter.mode() == RedisRateLimiter.Mode.FALLBACK;
				});
				own.startServer();
				// Redis is back, empty; the connection reopens within a few seconds, the limiter stays on its fallback
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.until(() -> template.hasKey("probe").block(Duration.ofSeconds(1)) != null);
				// four heartbeats' time with the connection open again
				Thread.sleep(1000);

				assertThat(template.opsForZSet().size(limiter.store().instancesKey()).block()).isZero();
			}
			finally {
				connection.destroy();
			}
		}
	}

	@Test
	void withoutAHoldNothingIsRecorded() throws InterruptedException {
		try (RedisRateLimiterFactory factory = factory(Duration.ZERO)) {
			factory.create("customerio-track", "track", new RateLimitSettings(80, 1, Duration.ofSeconds(5)), Map.of())
				.reservePermission(1);
			Thread.sleep(600);

			assertThat(factory.presence().tracked()).isFalse();
			assertThat(redis.template().opsForZSet()
				.size(factory.limiters().get("track").store().instancesKey())
				.block()).isZero();
		}
	}

}
