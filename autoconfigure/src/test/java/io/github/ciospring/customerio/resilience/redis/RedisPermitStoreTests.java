package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.UUID;

import io.github.ciospring.customerio.support.RedisTemplateExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GCRA Lua script against a real Redis. Waits are computed on Redis server time, which moves on between two
 * calls by the round trip, so a wait is checked to lie in {@code (expected - 50 ms, expected]}.
 */
class RedisPermitStoreTests {

	private static final long SECOND = 1_000_000;

	private static final long TOLERANCE = 50_000;

	@RegisterExtension
	static final RedisTemplateExtension redis = new RedisTemplateExtension();

	private RedisPermitStore store;

	@BeforeEach
	void newLimiter() {
		this.store = new RedisPermitStore(redis.template(), "test", UUID.randomUUID().toString(), "track");
	}

	private long reserve(long interval, int burst, long maxWait) {
		return this.store.reserve(interval, burst, maxWait, 1).block();
	}

	@Test
	void theFirstPermitIsGrantedAtOnce() {
		assertThat(reserve(SECOND, 1, 10 * SECOND)).isZero();
	}

	@Test
	void permitsAreSpacedByTheInterval() {
		reserve(SECOND, 1, 10 * SECOND);
		assertThat(reserve(SECOND, 1, 10 * SECOND)).isBetween(SECOND - TOLERANCE, SECOND);
		assertThat(reserve(SECOND, 1, 10 * SECOND)).isBetween(2 * SECOND - TOLERANCE, 2 * SECOND);
	}

	@Test
	void aBurstIsGrantedAtOnceThenPermitsAreSpaced() {
		for (int i = 0; i < 3; i++) {
			assertThat(reserve(SECOND, 3, 10 * SECOND)).isZero();
		}
		assertThat(reserve(SECOND, 3, 10 * SECOND)).isBetween(SECOND - TOLERANCE, SECOND);
	}

	@Test
	void aSlotFurtherAwayThanTheMaxWaitIsRefusedAndNotReserved() {
		reserve(SECOND, 1, 1500_000);
		reserve(SECOND, 1, 1500_000);
		assertThat(reserve(SECOND, 1, 1500_000)).isEqualTo(-1);
		assertThat(reserve(SECOND, 1, 10 * SECOND)).isBetween(2 * SECOND - TOLERANCE, 2 * SECOND);
	}

	@Test
	void aPauseHoldsTheNextPermitUntilItEnds() {
		reserve(SECOND / 10, 1, 10 * SECOND);
		this.store.pause(2 * SECOND).block();
		assertThat(reserve(SECOND / 10, 1, 10 * SECOND)).isBetween(2 * SECOND - TOLERANCE, 2 * SECOND);
		assertThat(reserve(SECOND / 10, 1, 10 * SECOND)).isBetween(2 * SECOND + SECOND / 10 - TOLERANCE,
				2 * SECOND + SECOND / 10);
	}

	@Test
	void pausesDoNotAddUpTheLaterEndWins() {
		this.store.pause(2 * SECOND).block();
		assertThat(this.store.pause(SECOND).block()).isBetween(2 * SECOND - TOLERANCE, 2 * SECOND);
	}

	@Test
	void anIdleLimiterGrantsAtOnceAgain() throws InterruptedException {
		reserve(SECOND / 100, 1, 10 * SECOND);
		reserve(SECOND / 100, 1, 10 * SECOND);
		Thread.sleep(50);
		assertThat(reserve(SECOND / 100, 1, 10 * SECOND)).isZero();
	}

	@Test
	void keysExpireOnceTheirSlotsHavePassed() {
		reserve(SECOND, 1, 10 * SECOND);
		reserve(SECOND, 1, 10 * SECOND);
		this.store.pause(3 * SECOND).block();
		Duration tatExpiry = redis.template().getExpire(this.store.tatKey()).block();
		Duration pauseExpiry = redis.template().getExpire(this.store.pauseKey()).block();
		assertThat(tatExpiry).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(pauseExpiry).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void limitersOfOtherApisDoNotShareSlots() {
		RedisPermitStore other = new RedisPermitStore(redis.template(), "test", "same-workspace", "app");
		RedisPermitStore track = new RedisPermitStore(redis.template(), "test", "same-workspace", "track");
		track.reserve(SECOND, 1, 10 * SECOND, 1).block();
		assertThat(other.reserve(SECOND, 1, 10 * SECOND, 1).block()).isZero();
	}

	@Test
	void bothKeysOfALimiterShareOneClusterHashSlot() {
		String tag = this.store.tatKey().substring(this.store.tatKey().indexOf('{'),
				this.store.tatKey().indexOf('}') + 1);
		assertThat(this.store.pauseKey()).contains(tag);
	}

	@Test
	void theWorkspaceInKeysIsAHashNeverTheCredentials() {
		String workspace = RedisRateLimiterFactory.workspaceId("site-123", "secret-api-key");
		assertThat(workspace).hasSize(16).doesNotContain("secret").doesNotContain("site-123");
		assertThat(RedisRateLimiterFactory.workspaceId("site-123", "secret-api-key")).isEqualTo(workspace);
		assertThat(RedisRateLimiterFactory.workspaceId("site-123", "other-key")).isNotEqualTo(workspace);
	}

}
