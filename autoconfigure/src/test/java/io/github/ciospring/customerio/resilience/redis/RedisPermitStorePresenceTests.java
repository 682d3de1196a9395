package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.UUID;

import io.github.ciospring.customerio.support.RedisTemplateExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shares kept free for instances Redis stopped seeing, against a real Redis. Two stores stand for two instances
 * sharing a limiter; "absent after" is 300 ms so that the tests wait for it on Redis server time. A permit spaced at
 * the full rate waits one interval after the previous one; at half the rate, two.
 */
class RedisPermitStorePresenceTests {

	private static final long SECOND = 1_000_000;

	private static final long INTERVAL = SECOND / 10;

	private static final long TOLERANCE = 50_000;

	private static final Duration ABSENT_AFTER = Duration.ofMillis(300);

	@RegisterExtension
	static final RedisTemplateExtension redis = new RedisTemplateExtension();

	private String workspace;

	@BeforeEach
	void newWorkspace() {
		this.workspace = UUID.randomUUID().toString();
	}

	private RedisPermitStore instance(String id, double share, Duration hold) {
		return new RedisPermitStore(redis.template(), "test", this.workspace, "track",
				new InstancePresence(id, share, ABSENT_AFTER, hold));
	}

	private static long reserve(RedisPermitStore store) {
		return store.reserve(INTERVAL, 1, 100 * SECOND, 1).block();
	}

	/** The spacing the limiter grants now: the wait of the second of two permits taken back to back. */
	private static long spacing(RedisPermitStore store) {
		long first = reserve(store);
		return reserve(store) - first;
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	@Test
	void whileEveryInstanceIsSeenEachTakesFromTheWholeRate() {
		RedisPermitStore a = instance("a", 0.5, Duration.ofSeconds(30));
		RedisPermitStore b = instance("b", 0.5, Duration.ofSeconds(30));
		reserve(b);

		assertThat(spacing(a)).isBetween(INTERVAL - TOLERANCE, INTERVAL);
	}

	@Test
	void anInstanceUnseenForAbsentAfterHasItsFallbackShareKeptFree() throws InterruptedException {
		RedisPermitStore a = instance("a", 0.5, Duration.ofSeconds(30));
		RedisPermitStore b = instance("b", 0.5, Duration.ofSeconds(30));
		reserve(b);
		sleep(ABSENT_AFTER.plusMillis(100));

		// b may be on its fallback at half the rate: a gets the other half
		assertThat(spacing(a)).isBetween(2 * INTERVAL - TOLERANCE, 2 * INTERVAL);
	}

	@Test
	void anInstanceSeenAgainTakesItsShareBackFromTheSharedRate() throws InterruptedException {
		RedisPermitStore a = instance("a", 0.5, Duration.ofSeconds(30));
		RedisPermitStore b = instance("b", 0.5, Duration.ofSeconds(30));
		reserve(b);
		sleep(ABSENT_AFTER.plusMillis(100));
		b.present().block();

		assertThat(spacing(a)).isBetween(INTERVAL - TOLERANCE, INTERVAL);
	}

	@Test
	void anInstanceThatLeftGivesItsShareBackAtOnce() throws InterruptedException {
		RedisPermitStore a = instance("a", 0.5, Duration.ofSeconds(30));
		RedisPermitStore b = instance("b", 0.5, Duration.ofSeconds(30));
		reserve(b);
		b.leave().block();
		sleep(ABSENT_AFTER.plusMillis(100));

		assertThat(spacing(a)).isBetween(INTERVAL - TOLERANCE, INTERVAL);
	}

	@Test
	void anInstanceUnseenForLongerThanTheHoldIsTakenAsGone() throws InterruptedException {
		RedisPermitStore a = instance("a", 0.5, Duration.ofMillis(600));
		RedisPermitStore b = instance("b", 0.5, Duration.ofMillis(600));
		reserve(b);
		sleep(Duration.ofMillis(800));

		assertThat(spacing(a)).isBetween(INTERVAL - TOLERANCE, INTERVAL);
		assertThat(redis.template().opsForZSet().score(a.instancesKey(), "b").block()).isNull();
	}

	@Test
	void instancesPresentNeverGetLessThanAShareThemselves() throws InterruptedException {
		RedisPermitStore a = instance("a", 0.5, Duration.ofSeconds(30));
		for (String absent : new String[] { "b", "c", "d" }) {
			reserve(instance(absent, 0.5, Duration.ofSeconds(30)));
		}
		sleep(ABSENT_AFTER.plusMillis(100));

		// three absent instances at half the rate each would leave nothing: a keeps its own half
		assertThat(spacing(a)).isBetween(2 * INTERVAL - TOLERANCE, 2 * INTERVAL);
	}

	@Test
	void anUntrackedStoreKeepsNothingFreeAndRecordsNoInstance() throws InterruptedException {
		RedisPermitStore a = new RedisPermitStore(redis.template(), "test", this.workspace, "track");
		reserve(instance("b", 0.5, Duration.ofSeconds(30)));
		sleep(ABSENT_AFTER.plusMillis(100));

		assertThat(spacing(a)).isBetween(INTERVAL - TOLERANCE, INTERVAL);
		assertThat(redis.template().opsForZSet().size(a.instancesKey()).block()).isEqualTo(1);
	}

	@Test
	void theInstancesKeyExpiresAfterTheHoldWithoutAnyInstance() {
		RedisPermitStore a = instance("a", 0.5, Duration.ofSeconds(30));
		reserve(a);

		assertThat(redis.template().getExpire(a.instancesKey()).block()).isBetween(Duration.ofSeconds(30),
				Duration.ofSeconds(31));
	}

}
