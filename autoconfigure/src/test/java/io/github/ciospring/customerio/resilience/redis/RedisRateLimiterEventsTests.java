package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.resilience.RateLimitSettings;
import io.github.resilience4j.ratelimiter.event.RateLimiterEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What a shared limiter reports to Resilience4j: an event for every permit granted or refused, from Redis or from
 * its fallback, its config and its meters. The store answers as each test says; the local clock is moved by hand.
 */
class RedisRateLimiterEventsTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final RedisPermitStore store = mock(RedisPermitStore.class);

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final RedisRateLimiter limiter = new RedisRateLimiter("customerio-track", "track",
			new RateLimitSettings(80, 2, Duration.ofSeconds(5)), this.store,
			new RedisLimiterSettings(Duration.ofMillis(50), 0.5, Duration.ofSeconds(1)), this.clock::get,
			() -> 1_700_000_000_000L, Map.of("customerio.api", "track"));

	private final List<RateLimiterEvent> events = new ArrayList<>();

	@Test
	void permitsFromRedisAreEventsWithTheLimitersName() {
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));
		given(this.store.reserve(12_500, 2, 5_000_000, 1)).willReturn(Mono.just(0L), Mono.just(-1L));
		this.limiter.getEventPublisher().onEvent(this.events::add);

		assertThat(this.limiter.reservePermission(1)).isZero();
		assertThat(this.limiter.reservePermission(1)).isEqualTo(-1);

		assertThat(this.events).extracting(RateLimiterEvent::getEventType)
			.containsExactly(RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE, RateLimiterEvent.Type.FAILED_ACQUIRE);
		assertThat(this.events).extracting(RateLimiterEvent::getRateLimiterName).containsOnly("customerio-track");
	}

	@Test
	void permitsFromTheFallbackAreEventsToo() {
		onFallback();
		this.limiter.getEventPublisher().onEvent(this.events::add);
		this.limiter.changeTimeoutDuration(Duration.ofMillis(30));

		assertThat(this.limiter.reservePermission(1)).isGreaterThanOrEqualTo(0);
		assertThat(this.limiter.reservePermission(3)).as("beyond the timeout on the fallback's 40/s").isEqualTo(-1);

		assertThat(this.events).extracting(RateLimiterEvent::getEventType, RateLimiterEvent::getNumberOfPermits)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE, 1),
					org.assertj.core.groups.Tuple.tuple(RateLimiterEvent.Type.FAILED_ACQUIRE, 3));
	}

	@Test
	void theConfigIsTheBurstPerBurstIntervalsInWholeMicroseconds() {
		this.limiter.changeRate(3);

		assertThat(this.limiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(2);
		assertThat(this.limiter.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(Duration.ofNanos(666_668_000));
		assertThat(this.limiter.getRateLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.limiter.getConfiguredPermitsPerSecond()).isEqualTo(80);
		assertThat(this.limiter.getTags()).containsEntry("customerio.api", "track");
	}

	@Test
	void aLimitForPeriodScalesTheExactRate() {
		this.limiter.changeRate(3);
		this.limiter.changeLimitForPeriod(4);

		assertThat(this.limiter.getPermitsPerSecond()).isEqualTo(6);
	}

	@Test
	void onRedisTheMetersCountThisInstancesReservationsAhead() {
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willReturn(Mono.just(0L),
				Mono.just(25_000L));
		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isEqualTo(2);
		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isZero();

		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);

		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isZero();
		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).as("25 ms ahead at 12.5 ms").isEqualTo(3);
		this.clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(25));
		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isEqualTo(2);
	}

	@Test
	void onTheFallbackTheMetersAreTheFallbacks() {
		onFallback();

		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isLessThan(2);
		assertThat(this.limiter).hasToString(
				"RedisRateLimiter{name='customerio-track', permitsPerSecond=80.0, burst=2, mode=FALLBACK}");
	}

	@Test
	void aPauseIsKeptLocallyAndWrittenToRedis() {
		given(this.store.pause(anyLong())).willReturn(Mono.just(0L));

		this.limiter.pauseFor(Duration.ofMillis(300));

		assertThat(this.limiter.remainingPause()).isEqualTo(Duration.ofMillis(300));
		org.mockito.BDDMockito.then(this.store).should().pause(300_000);
	}

	/** Two round trips fail a second apart: the limiter falls back and takes the permit on its fallback. */
	private void onFallback() {
		AtomicInteger trips = new AtomicInteger();
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willAnswer((invocation) -> {
			if (trips.getAndIncrement() > 0) {
				this.clock.addAndGet(SECOND);
			}
			return Mono.error(new IllegalStateException("down"));
		});
		assertThat(this.limiter.mode()).isEqualTo(RedisRateLimiter.Mode.REDIS);

		assertThat(this.limiter.reservePermission(1)).isZero();

		assertThat(trips.get()).isEqualTo(2);
		assertThat(this.limiter.mode()).isEqualTo(RedisRateLimiter.Mode.FALLBACK);
		assertThat(this.limiter.lastFailure()).isEqualTo("IllegalStateException");
	}

}
