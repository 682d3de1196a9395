package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * How a shared limiter hands over between Redis and its fallback, on a store whose answers each test scripts and a
 * local clock moved by hand: where the fallback's permits start, what it is told of rate, pause, drain and timeout,
 * and how a recheck brings the limiter back. At 80/s with a share of 0.5 the fallback runs at 40/s, one permit
 * every 25 ms, burst 2.
 */
class RedisRateLimiterModeTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final RedisPermitStore store = mock(RedisPermitStore.class);

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	/** What the store answers to each reservation, in turn; a failure once they are used up. */
	private final Deque<Supplier<Mono<Long>>> answers = new ArrayDeque<>();

	private final RedisRateLimiter limiter = new RedisRateLimiter("customerio-track", "track",
			new RateLimitSettings(80, 2, Duration.ofSeconds(5)), this.store,
			new RedisLimiterSettings(Duration.ofMillis(50), 0.5, Duration.ofSeconds(1)), this.clock::get,
			() -> 1_700_000_000_000L, Map.of());

	RedisRateLimiterModeTests() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willAnswer((invocation) -> {
			Supplier<Mono<Long>> next = this.answers.poll();
			return (next != null) ? next.get() : Mono.error(new IllegalStateException("down"));
		});
		given(this.store.epoch(anyString())).willReturn(Mono.error(new IllegalStateException("down")));
		given(this.store.presence()).willReturn(InstancePresence.untracked());
	}

	@Test
	void itNamesItsApiAndShare() {
		assertThat(this.limiter.api()).isEqualTo("track");
		assertThat(this.limiter.fallbackShare()).isEqualTo(0.5);
	}

	@Test
	void theFallbacksFirstPermitComesAfterTheLastSlotGrantedInRedis() {
		this.answers.add(() -> Mono.just(3_000_000L));

		assertThat(this.limiter.reservePermission(1)).isEqualTo(3 * SECOND);

		// paused until 3 s + one fallback interval after the Redis grant, which was 1 s ago
		assertThat(fallBack()).isEqualTo(2 * SECOND + 25 * MS);
	}

	@Test
	void theFallbackRunsAtTheShareOfTheCurrentRate() {
		this.limiter.changeRate(10);
		fallBack();

		assertThat(this.limiter.reservePermission(1)).isZero();
		assertThat(this.limiter.reservePermission(1)).as("5/s: one every 200 ms").isEqualTo(200 * MS);
	}

	@Test
	void onTheFallbackTheMetersAreItsOwn() {
		fallBack();
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);

		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isEqualTo(2);
		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isEqualTo(-2);
	}

	@Test
	void aPauseOnTheFallbackHoldsItAndIsNotSentToRedis() {
		fallBack();

		this.limiter.pauseFor(Duration.ofMillis(300));

		assertThat(this.limiter.reservePermission(1)).isEqualTo(300 * MS);
		then(this.store).should(never()).pause(anyLong());
	}

	@Test
	void drainingEmptiesTheFallbacksBurst() {
		fallBack();

		this.limiter.drainPermissions();

		assertThat(this.limiter.reservePermission(1)).isEqualTo(25 * MS);
	}

	@Test
	void aNewTimeoutIsAskedOfRedisAndReported() {
		this.answers.add(() -> Mono.just(0L));

		this.limiter.changeTimeoutDuration(Duration.ofSeconds(2));
		this.limiter.reservePermission(1);

		then(this.store).should().reserve(12_500, 2, 2_000_000, 1);
		assertThat(this.limiter.getRateLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aReservationOnTheFallbackRechecksWhenDueAndComesBackOwingItsPermits() {
		// the recheck is due at the next whole second of the wall clock: 1 s after falling back
		fallBack();
		this.limiter.reservePermission(1);
		this.clock.addAndGet(SECOND - 1);
		this.limiter.reservePermission(1);
		assertThat(this.limiter).as("not due yet").hasToString(
				"RedisRateLimiter{name='customerio-track', permitsPerSecond=80.0, burst=2, mode=FALLBACK}");
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-2"));
		given(this.store.spend(anyLong(), anyInt())).willReturn(Mono.just(0L));
		this.clock.addAndGet(1);

		this.limiter.reservePermission(1);

		assertThat(this.limiter).hasToString(
				"RedisRateLimiter{name='customerio-track', permitsPerSecond=80.0, burst=2, mode=REDIS}");
		then(this.store).should().spend(eq(12_500L), eq(3));
		assertThat(this.limiter.epoch()).isEqualTo("epoch-2");
		assertThat(this.limiter.owedOnComeBack("epoch-2", this.clock.get()))
			.as("the permits spent are forgotten; the one this reservation took on the fallback is not")
			.isEqualTo(1);
		assertThat(this.limiter.lastFailure()).isEqualTo("IllegalStateException");
	}

	/**
	 * Two round trips fail a second apart: the limiter falls back, taking that reservation's permit there.
	 * @return that permit's wait
	 */
	private long fallBack() {
		this.answers.add(() -> Mono.error(new IllegalStateException("down")));
		this.answers.add(() -> {
			this.clock.addAndGet(SECOND);
			return Mono.error(new IllegalStateException("down"));
		});
		long wait = this.limiter.reservePermission(1);
		assertThat(this.limiter.lastFailure()).isEqualTo("IllegalStateException");
		assertThat(this.answers).isEmpty();
		return wait;
	}

}
