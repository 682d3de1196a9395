package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.ciospring.customerio.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an instance comes back from its fallback: when it rechecks (aligned on the wall clock, so a fleet comes back
 * together) and how many of the permits it took locally it spends against Redis. The local clock is real time
 * (failing round trips take it) moved on by the tests.
 */
class RedisRateLimiterComeBackTests {

	private static final double RATE = 80;

	/** Real time (failing round trips take it) plus what a test adds. */
	private final AtomicLong offset = new AtomicLong();

	private final LongSupplier clock = () -> System.nanoTime() + this.offset.get();

	private final AtomicLong wallMillis = new AtomicLong(1_700_000_000_123L);

	private TestRedis redis;

	private LettuceConnectionFactory connection;

	@AfterEach
	void stop() {
		if (this.connection != null) {
			this.connection.destroy();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	private RedisRateLimiter limiter(ReactiveStringRedisTemplate template, Duration recheck) {
		return limiter(template, recheck, InstancePresence.untracked());
	}

	private RedisRateLimiter limiter(ReactiveStringRedisTemplate template, Duration recheck,
			InstancePresence presence) {
		RedisPermitStore store = new RedisPermitStore(template, "test", UUID.randomUUID().toString(), "track",
				presence);
		return new RedisRateLimiter("customerio-track", "track", new RateLimitSettings(RATE, 1, Duration.ofSeconds(5)),
				store, new RedisLimiterSettings(Duration.ofMillis(100), 0.5, recheck), this.clock,
				this.wallMillis::get, Map.of());
	}

	@Test
	void theRecheckIsAtTheNextMultipleOfTheIntervalOnTheWallClock() {
		RedisRateLimiter limiter = limiter(new ReactiveStringRedisTemplate(new LettuceConnectionFactory()),
				Duration.ofSeconds(1));
		assertThat(limiter.nextAlignedRecheck(5_000)).isEqualTo(5_000 + TimeUnit.MILLISECONDS.toNanos(877));
		this.wallMillis.set(1_700_000_001_000L);
		assertThat(limiter.nextAlignedRecheck(5_000)).as("on a boundary: the next one")
			.isEqualTo(5_000 + TimeUnit.SECONDS.toNanos(1));
	}

	@Test
	void withoutARecheckIntervalTheRecheckIsAtOnce() {
		RedisRateLimiter limiter = limiter(new ReactiveStringRedisTemplate(new LettuceConnectionFactory()),
				Duration.ZERO);
		assertThat(limiter.nextAlignedRecheck(5_000)).isEqualTo(5_000);
	}

	@Test
	void permitsTakenOnTheFallbackAreOwedByHowRedisKeptItsState() {
		RedisRateLimiter limiter = onFallbackWithLocalPermits(10, Duration.ofMillis(25));
		String seen = limiter.epoch();
		assertThat(seen).isNotNull();
		long now = this.clock.getAsLong();
		assertThat(limiter.owedOnComeBack(seen, now)).as("same state: every one of the last minute").isEqualTo(11);
		assertThat(limiter.owedOnComeBack("lost", now)).as("Redis lost its state: the last second's").isEqualTo(11);

		this.offset.addAndGet(TimeUnit.SECONDS.toNanos(30));
		assertThat(limiter.owedOnComeBack(seen, this.clock.getAsLong())).isEqualTo(11);
		assertThat(limiter.owedOnComeBack("lost", this.clock.getAsLong())).isZero();

		this.offset.addAndGet(TimeUnit.SECONDS.toNanos(31));
		assertThat(limiter.owedOnComeBack(seen, this.clock.getAsLong())).as("older than a minute").isZero();
	}

	@Test
	void whenTheOthersKeptItsShareFreeAnInstanceOwesOnlyTheLastSecondsPermitsThoughRedisKeptItsState() {
		RedisRateLimiter limiter = onFallbackWithLocalPermits(10, Duration.ofMillis(25),
				InstancePresence.of(0.5, Duration.ofSeconds(1), Duration.ofSeconds(30)));
		String seen = limiter.epoch();
		assertThat(limiter.owedOnComeBack(seen, this.clock.getAsLong())).isEqualTo(11);

		this.offset.addAndGet(TimeUnit.SECONDS.toNanos(30));
		assertThat(limiter.owedOnComeBack(seen, this.clock.getAsLong())).as("the others took only their share")
			.isZero();
	}

	@Test
	void theRecheckSpendsWhatIsOwedAndComesBackToRedis() {
		// slots up to 3.75 s ahead on the fallback's 40/s: some are still ahead when Redis answers again
		RedisRateLimiter limiter = onFallbackWithLocalPermits(150, Duration.ZERO);
		this.redis.startServer();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> limiter.mode() == RedisRateLimiter.Mode.REDIS);
		// Redis restarted empty: the local permits of the last second were spent there, so the next slot waits
		assertThat(limiter.store().reserve(12_500, 1, 10_000_000, 1).block()).isPositive();
	}

	/** A limiter that took a permit from Redis, lost it, and took {@code count} more on its fallback. */
	private RedisRateLimiter onFallbackWithLocalPermits(int count, Duration spacing) {
		return onFallbackWithLocalPermits(count, spacing, InstancePresence.untracked());
	}

	private RedisRateLimiter onFallbackWithLocalPermits(int count, Duration spacing, InstancePresence presence) {
		this.redis = TestRedis.start();
		this.connection = this.redis.connectionFactory();
		RedisRateLimiter limiter = limiter(new ReactiveStringRedisTemplate(this.connection), Duration.ofSeconds(1),
				presence);
		limiter.warmUp().block(Duration.ofSeconds(10));
		assertThat(limiter.reservePermission(1)).isZero();
		this.redis.stopServer();
		assertThat(limiter.reservePermission(1)).isGreaterThanOrEqualTo(0);
		assertThat(limiter.mode()).isEqualTo(RedisRateLimiter.Mode.FALLBACK);
		for (int i = 0; i < count; i++) {
			this.offset.addAndGet(spacing.toNanos());
			assertThat(limiter.reservePermission(1)).isGreaterThanOrEqualTo(0);
		}
		return limiter;
	}

}
