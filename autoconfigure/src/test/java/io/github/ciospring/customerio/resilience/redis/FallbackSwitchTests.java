package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.resilience.redis.RedisRateLimiter.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mode of a shared limiter, each switch made once, and the rechecks on the wall clock's multiples of the
 * interval.
 */
class FallbackSwitchTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	private final AtomicLong wallMillis = new AtomicLong(1_700_000_000_250L);

	private final FallbackSwitch fallbackSwitch = new FallbackSwitch(Duration.ofSeconds(1), this.wallMillis::get);

	@Test
	void itStartsOnRedisWithoutAFailure() {
		Instant before = Instant.now();
		FallbackSwitch fresh = new FallbackSwitch(Duration.ofSeconds(1), this.wallMillis::get);

		assertThat(fresh.mode()).isEqualTo(Mode.REDIS);
		assertThat(fresh.lastFailure()).isNull();
		assertThat(fresh.since()).isBetween(before, Instant.now());
	}

	@Test
	void fallingBackIsOneSwitchNamingTheFailure() throws InterruptedException {
		Instant before = Instant.now();
		assertThat(this.fallbackSwitch.fallBack(new TimeoutException())).isTrue();
		Instant since = this.fallbackSwitch.since();

		assertThat(this.fallbackSwitch.mode()).isEqualTo(Mode.FALLBACK);
		assertThat(this.fallbackSwitch.lastFailure()).isEqualTo("TimeoutException");
		assertThat(since).isAfterOrEqualTo(before);
		Thread.sleep(2);
		assertThat(this.fallbackSwitch.fallBack(new IllegalStateException())).as("on the fallback already").isFalse();
		assertThat(this.fallbackSwitch.lastFailure()).isEqualTo("TimeoutException");
		assertThat(this.fallbackSwitch.since()).isEqualTo(since);
	}

	@Test
	void comingBackIsOneSwitchKeepingTheLastFailure() throws InterruptedException {
		assertThat(this.fallbackSwitch.backToRedis()).as("on Redis already").isFalse();
		this.fallbackSwitch.fallBack(new TimeoutException());
		Instant fellBack = this.fallbackSwitch.since();
		Thread.sleep(2);

		assertThat(this.fallbackSwitch.backToRedis()).isTrue();
		assertThat(this.fallbackSwitch.mode()).isEqualTo(Mode.REDIS);
		assertThat(this.fallbackSwitch.lastFailure()).isEqualTo("TimeoutException");
		assertThat(this.fallbackSwitch.since()).isAfter(fellBack);
		assertThat(this.fallbackSwitch.backToRedis()).isFalse();
	}

	@Test
	void theRecheckIsDueAtTheNextMultipleOfTheIntervalAndOnceOnly() {
		long now = 5_000 * MS;
		this.fallbackSwitch.scheduleRecheck(now);
		long due = now + 750 * MS;

		assertThat(this.fallbackSwitch.recheckDue(due - 1)).isFalse();
		assertThat(this.fallbackSwitch.recheckDue(due)).isTrue();
		assertThat(this.fallbackSwitch.recheckDue(due)).as("the next one is set").isFalse();
		assertThat(this.fallbackSwitch.recheckDue(due + 749 * MS)).isFalse();
		assertThat(this.fallbackSwitch.recheckDue(due + 750 * MS)).isTrue();
	}

	@Test
	void beforeAnyScheduleTheRecheckIsDue() {
		assertThat(this.fallbackSwitch.recheckDue(0)).isTrue();
	}

	@Test
	void onABoundaryTheNextRecheckIsAWholeIntervalAway() {
		this.wallMillis.set(1_700_000_001_000L);

		assertThat(this.fallbackSwitch.nextAlignedRecheck(7)).isEqualTo(7 + 1_000 * MS);
	}

	@Test
	void withoutAnIntervalEveryCallRechecks() {
		FallbackSwitch eager = new FallbackSwitch(Duration.ZERO, this.wallMillis::get);
		eager.scheduleRecheck(100);

		assertThat(eager.nextAlignedRecheck(100)).isEqualTo(100);
		assertThat(eager.recheckDue(100)).isTrue();
		assertThat(eager.recheckDue(100)).isTrue();
		assertThat(eager.recheckDue(99)).isFalse();
	}

	@Test
	void anIntervalBelowAMillisecondCountsAsNone() {
		FallbackSwitch eager = new FallbackSwitch(Duration.ofNanos(999_999), this.wallMillis::get);

		assertThat(eager.nextAlignedRecheck(100)).isEqualTo(100);
	}

	@Test
	void anIntervalOfOneMillisecondIsAlignedOnTheNextMillisecond() {
		FallbackSwitch fine = new FallbackSwitch(Duration.ofMillis(1), this.wallMillis::get);

		assertThat(fine.nextAlignedRecheck(100)).isEqualTo(100 + MS);
	}

}
