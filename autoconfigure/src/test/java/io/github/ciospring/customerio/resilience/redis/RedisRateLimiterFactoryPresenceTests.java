package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.RedisTemplateExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


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
