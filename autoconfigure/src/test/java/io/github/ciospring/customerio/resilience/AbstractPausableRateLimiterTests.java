package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.event.RateLimiterEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnFailureEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnSuccessEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every limiter gets from its base: checked settings, the config, metrics and events it reports, and the shared
 * pause. A limiter whose reservations are scripted stands in for the real ones.
 */
class AbstractPausableRateLimiterTests {

	private final AtomicLong clock = new AtomicLong(1_000_000);

	private final ScriptedLimiter limiter = new ScriptedLimiter(this.clock, Map.of("customerio.api", "track"));

	@Test
	void aBurstBelowOneIsRefusedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScriptedLimiter("l", 10, 0, this.clock, Map.of()))
			.withMessage("burst must be at least 1, was 0");
	}

	@Test
	void aRateThatIsNotPositiveIsRefusedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ScriptedLimiter("l", 0, 1, this.clock, Map.of()))
			.withMessage("permits per second must be positive, was 0.0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScriptedLimiter("l", Double.NaN, 1, this.clock, Map.of()))
			.withMessage("permits per second must be positive, was NaN");
		assertThat(AbstractPausableRateLimiter.requirePositive(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
	}

	@Test
	void nameTagsBurstAndConfiguredRateAreKept() {
		Map<String, String> tags = new HashMap<>(Map.of("customerio.api", "track"));
		ScriptedLimiter limiter = new ScriptedLimiter("customerio-track", 8, 2, this.clock, tags);
		tags.put("other", "tag");
		limiter.changeRate(4);

		assertThat(limiter.getName()).isEqualTo("customerio-track");
		assertThat(limiter.getTags()).containsExactly(Map.entry("customerio.api", "track"));
		assertThat(limiter.getBurst()).isEqualTo(2);
		assertThat(limiter.getConfiguredPermitsPerSecond()).isEqualTo(8);
	}

	@Test
	void theConfigIsTheBurstPerRefreshPeriodAndTheTimeout() {
		RateLimiterConfig config = this.limiter.getRateLimiterConfig();

		assertThat(config.getLimitForPeriod()).isEqualTo(2);
		assertThat(config.getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(200));
		assertThat(config.getTimeoutDuration()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void theTimeoutCanBeChanged() {
		this.limiter.changeTimeoutDuration(Duration.ofMillis(1_500));

		assertThat(this.limiter.timeoutNanos()).isEqualTo(1_500_000_000L);
		assertThat(this.limiter.getRateLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofMillis(1_500));
	}

	@Test
	void aLimitForPeriodSetsTheRateOverTheReportedPeriod() {
		this.limiter.changeLimitForPeriod(5);

		assertThat(this.limiter.getPermitsPerSecond()).isEqualTo(25);
	}

	@Test
	void theLaterEndOfTwoPausesWins() {
		assertThat(this.limiter.remainingPauseNanos()).isZero();
		this.limiter.pauseFor(Duration.ofNanos(500));
		this.limiter.pauseFor(Duration.ofNanos(200));

		assertThat(this.limiter.remainingPauseNanos()).isEqualTo(500);
		assertThat(this.limiter.pausedUntil()).isEqualTo(1_000_500);
		this.clock.addAndGet(499);
		assertThat(this.limiter.remainingPauseNanos()).isEqualTo(1);
		this.clock.addAndGet(2);
		assertThat(this.limiter.remainingPauseNanos()).isZero();
	}

	@Test
	void theMetricsReadTheLimiterEachTime() {
		this.limiter.waiting = 3;
		this.limiter.available = -2;

		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isEqualTo(3);
		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isEqualTo(-2);
		this.limiter.waiting = 0;
		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
	}

	@Test
	void eachReservationIsOneEventForEveryKindOfConsumer() {
		List<RateLimiterEvent> all = new ArrayList<>();
		List<RateLimiterOnSuccessEvent> successes = new ArrayList<>();
		List<RateLimiterOnFailureEvent> failures = new ArrayList<>();
		this.limiter.getEventPublisher().onEvent(all::add);
		this.limiter.getEventPublisher().onSuccess(successes::add).onFailure(failures::add);

		this.limiter.nextWait = 0;
		assertThat(this.limiter.reservePermission(2)).isZero();
		this.limiter.nextWait = 7;
		assertThat(this.limiter.reservePermission(1)).isEqualTo(7);
		this.limiter.nextWait = -1;
		assertThat(this.limiter.reservePermission(3)).isEqualTo(-1);

		assertThat(all).extracting(RateLimiterEvent::getEventType, RateLimiterEvent::getNumberOfPermits)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE, 2),
					org.assertj.core.groups.Tuple.tuple(RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE, 1),
					org.assertj.core.groups.Tuple.tuple(RateLimiterEvent.Type.FAILED_ACQUIRE, 3));
		assertThat(all).extracting(RateLimiterEvent::getRateLimiterName).containsOnly("customerio-track");
		assertThat(successes).extracting(RateLimiterEvent::getNumberOfPermits).containsExactly(2, 1);
		assertThat(failures).extracting(RateLimiterEvent::getNumberOfPermits).containsExactly(3);
		assertThat(this.limiter.reserved).containsExactly(2, 1, 3);
	}

	@Test
	void withoutConsumersReservationsStillWork() {
		this.limiter.nextWait = 4;

		assertThat(this.limiter.reservePermission(1)).isEqualTo(4);
		assertThat(this.limiter.reserved).containsExactly(1);
	}

	@Test
	void toStringNamesTheClassNameRateBurstAndState() {
		assertThat(this.limiter).hasToString(
				"ScriptedLimiter{name='customerio-track', permitsPerSecond=10.0, burst=2, scripted}");
		assertThat(new ScriptedLimiter("plain", 10, 1, this.clock, Map.of()) {

			@Override
			protected String describeState() {
				return super.describeState();
			}

		}.toString()).endsWith("{name='plain', permitsPerSecond=10.0, burst=1}");
	}

	/** Reservations return what the test scripts; the rate is kept as given. */
	static class ScriptedLimiter extends AbstractPausableRateLimiter {

		long nextWait;

		int waiting;

		int available;

		final List<Integer> reserved = new ArrayList<>();

		private volatile double rate;

		ScriptedLimiter(AtomicLong clock, Map<String, String> tags) {
			this("customerio-track", 10, 2, clock, tags);
		}

		ScriptedLimiter(String name, double rate, int burst, AtomicLong clock, Map<String, String> tags) {
			super(name, rate, burst, Duration.ofSeconds(30), clock::get, tags);
			this.rate = rate;
		}

		@Override
		protected long reserve(int permits) {
			this.reserved.add(permits);
			return this.nextWait;
		}

		@Override
		public double getPermitsPerSecond() {
			return this.rate;
		}

		@Override
		public void changeRate(double permitsPerSecond) {
			this.rate = requirePositive(permitsPerSecond);
		}

		@Override
		public void pauseFor(Duration pause) {
			pauseEndsAt(now() + pause.toNanos());
		}

		@Override
		public void drainPermissions() {
		}

		@Override
		protected Duration refreshPeriod() {
			return Duration.ofNanos((long) (getBurst() * 1e9 / this.rate));
		}

		@Override
		protected int waitingCallers() {
			return this.waiting;
		}

		@Override
		protected int availablePermits() {
			return this.available;
		}

		@Override
		protected String describeState() {
			return (getClass() == ScriptedLimiter.class) ? ", scripted" : super.describeState();
		}

	}

}
