package io.github.ciospring.customerio.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class AdaptiveRateControllerTests {

	private static final double RATE = 80;

	private final ManualClock clock = new ManualClock();

	private final AdaptiveSettings settings = new AdaptiveSettings(true, 0.5, 0.1, 0.05, Duration.ofSeconds(5));

	private final AdaptiveRateController controller = new AdaptiveRateController(RATE, this.settings,
			Duration.ofMillis(500), Duration.ofSeconds(4), this.clock);

	@Test
	void runsAtTheConfiguredRateUntilA429() {
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.controller.currentRate()).isEqualTo(RATE);
		assertThat(this.controller.remainingPause()).isZero();
	}

	@Test
	void a429CutsTheRateByTheDecreaseFactor() {
		AdaptiveRateController.Throttle throttle = this.controller.onRateLimited(Duration.ofSeconds(2));
		assertThat(throttle.permitsPerSecond()).isEqualTo(40);
		assertThat(this.controller.currentRate()).isEqualTo(40);
	}

	@Test
	void a429WithRetryAfterPausesForRetryAfter() {
		AdaptiveRateController.Throttle throttle = this.controller.onRateLimited(Duration.ofSeconds(3));
		assertThat(throttle.pause()).isEqualTo(Duration.ofSeconds(3));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.controller.remainingPause()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aRetryAfterLongerThanTheRetryHonoursPausesOnlyAsLongAsTheRetryWaits() {
		AdaptiveRateController capped = new AdaptiveRateController(RATE, this.settings, Duration.ofMillis(500),
				Duration.ofSeconds(4), Duration.ofSeconds(10), this.clock);

		assertThat(capped.onRateLimited(Duration.ofSeconds(120)).pause()).isEqualTo(Duration.ofSeconds(10));
		this.clock.advance(Duration.ofMillis(10));
		assertThat(capped.onRateLimited(Duration.ofSeconds(120)).pause()).as("a later 429 of the same episode")
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void a429WithoutRetryAfterPausesForTheInitialBackoff() {
		assertThat(this.controller.onRateLimited(null).pause()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void repeated429sBeforeAQuietPeriodDoubleThePauseUpToTheMaximum() {
		Duration[] pauses = new Duration[5];
		for (int i = 0; i < pauses.length; i++) {
			pauses[i] = this.controller.onRateLimited(null).pause();
			this.clock.advance(pauses[i].plusSeconds(1));
		}
		assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4), Duration.ofSeconds(4));
	}

	@Test
	void aQuietPeriodResetsThePauseToTheInitialBackoff() {
		this.controller.onRateLimited(null);
		this.clock.advance(Duration.ofMillis(1500));
		this.controller.onRateLimited(null);
		this.clock.advance(Duration.ofSeconds(1).plus(this.settings.quietPeriod()));
		assertThat(this.controller.onRateLimited(null).pause()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void answersOfRequestsInFlightDuringThePauseCutOnlyOnce() {
		this.controller.onRateLimited(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofMillis(10));
		AdaptiveRateController.Throttle second = this.controller.onRateLimited(Duration.ofSeconds(2));
		assertThat(second.permitsPerSecond()).isEqualTo(40);
		assertThat(second.pause()).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.controller.rateLimitedCount()).isEqualTo(2);
	}

	@Test
	void a429LessThanASecondAfterTheLastCutDoesNotCutAgain() {
		this.controller.onRateLimited(Duration.ZERO);
		this.clock.advance(Duration.ofMillis(200));
		assertThat(this.controller.onRateLimited(Duration.ZERO).permitsPerSecond()).isEqualTo(40);
	}

	@Test
	void a429AfterThePauseCutsAgain() {
		this.controller.onRateLimited(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.controller.onRateLimited(Duration.ofSeconds(1)).permitsPerSecond()).isEqualTo(20);
	}

	@Test
	void theRateNeverFallsBelowTheMinimumRatio() {
		for (int i = 0; i < 10; i++) {
			this.controller.onRateLimited(Duration.ofSeconds(1));
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(this.controller.currentRate()).isEqualTo(RATE * 0.1);
	}

	@Test
	void theRateHoldsUntilTheQuietPeriodAfterThePauseHasPassed() {
		this.controller.onRateLimited(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofSeconds(2).plus(this.settings.quietPeriod()));
		assertThat(this.controller.currentRate()).isEqualTo(40);
	}

	@Test
	void theRateRecoversByTheIncreaseEachSecondAfterTheQuietPeriod() {
		this.controller.onRateLimited(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofSeconds(2).plus(this.settings.quietPeriod()).plusSeconds(3));
		assertThat(this.controller.currentRate()).isCloseTo(40 + 3 * 0.05 * RATE, within(1e-9));
	}

	@Test
	void theRateNeverRecoversAboveTheConfiguredRate() {
		this.controller.onRateLimited(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.controller.currentRate()).isEqualTo(RATE);
	}

	@Test
	void a429DuringRecoveryCutsFromTheRecoveredRate() {
		this.controller.onRateLimited(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofSeconds(2).plus(this.settings.quietPeriod()).plusSeconds(5));
		double recovered = this.controller.currentRate();
		assertThat(this.controller.onRateLimited(Duration.ofSeconds(1)).permitsPerSecond())
			.isCloseTo(recovered * 0.5, within(1e-9));
	}

	@Test
	void loweringTheConfiguredRateWhileThrottledCapsTheRate() {
		this.controller.onRateLimited(Duration.ofSeconds(1));
		this.controller.changeConfiguredRate(30);
		assertThat(this.controller.currentRate()).isEqualTo(30);
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.controller.currentRate()).isEqualTo(30);
	}

	@Test
	void raisingTheConfiguredRateWhileUnthrottledTakesEffectAtOnce() {
		this.controller.changeConfiguredRate(100);
		assertThat(this.controller.currentRate()).isEqualTo(100);
	}

	@Test
	void a429CutsToJustUnderTheRateCustomerIoAcceptedOverTheLastSecond() {
		acceptAt(60, Duration.ofSeconds(1));
		AdaptiveRateController.Throttle throttle = this.controller.onRateLimited(null);
		assertThat(throttle.permitsPerSecond()).isCloseTo(60 * 0.95, within(1e-3));
	}

	@Test
	void aMeasuredCapacityFarBelowTheRateCutsByTheDecreaseFactorAndTheMarginAtMost() {
		acceptAt(10, Duration.ofSeconds(1));
		assertThat(this.controller.onRateLimited(null).permitsPerSecond()).isCloseTo(38, within(1e-9));
	}

	@Test
	void aMeasuredCapacityAboveTheCurrentRateStillCutsUnderTheCurrentRate() {
		acceptAt(90, Duration.ofSeconds(1));
		assertThat(this.controller.onRateLimited(null).permitsPerSecond()).isCloseTo(RATE * 0.95, within(1e-3));
	}

	@Test
	void aMeasured429WithoutRetryAfterPausesForTheShareOfASecondTheCutTakesOff() {
		acceptAt(40, Duration.ofSeconds(1));
		// 80 to 38: the window, filled at 80/s, makes room for 38/s after 1 - 38/80 of a second
		assertThat(this.controller.onRateLimited(null).pause().toNanos()).isCloseTo(525_000_000L,
				org.assertj.core.api.Assertions.within(1_000L));
	}

	@Test
	void aMeasured429JustAboveTheCapacityPausesForABlink() {
		acceptAt(76, Duration.ofSeconds(1));
		// 80 to 72.2
		assertThat(this.controller.onRateLimited(null).pause().toMillis()).isEqualTo(97);
	}

	@Test
	void aMeasured429WithRetryAfterStillPausesForIt() {
		acceptAt(40, Duration.ofSeconds(1));
		assertThat(this.controller.onRateLimited(Duration.ofSeconds(2)).pause()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void nearTheMeasuredCapacityTheRateGrowsAtAFifthOfTheIncrease() {
		acceptAt(40, Duration.ofSeconds(1));
		assertThat(this.controller.onRateLimited(null).permitsPerSecond()).isCloseTo(38, within(1e-3));
		// after the pause (525 ms, see above) and the quiet period
		this.clock.advance(this.settings.quietPeriod().plusMillis(525).plusSeconds(2));
		assertThat(this.controller.currentRate()).isCloseTo(38 + 2 * 0.2 * 0.05 * RATE, within(1e-3));
	}

	@Test
	void wellAboveTheMeasuredCapacityTheRateGrowsAtTheFullIncrease() {
		acceptAt(40, Duration.ofSeconds(1));
		this.controller.onRateLimited(null);
		// 38 to 44 (10% above the measured 40) at 0.8/s takes 7.5 s; then 4/s
		this.clock.advance(this.settings.quietPeriod().plusMillis(525).plusMillis(7500).plusSeconds(2));
		assertThat(this.controller.currentRate()).isCloseTo(44 + 2 * 0.05 * RATE, within(1e-3));
	}

	@Test
	void sharingA40PerSecondServerTheRateStaysBetween90PercentOfItAndJustAboveIt() {
		// a server that accepts 40/s from us: a 429 whenever we go above, the accepted rate is what it lets through
		double lowest = Double.MAX_VALUE;
		double highest = 0;
		double sent = 0;
		int rateLimited = 0;
		for (int tenth = 0; tenth < 600; tenth++) {
			double rate = this.controller.currentRate();
			sent += rate / 10;
			for (int i = 0; i < Math.round(Math.min(rate, 40) / 10); i++) {
				this.controller.onAccepted();
			}
			if (rate > 40.5) {
				rateLimited++;
				this.controller.onRateLimited(null);
			}
			if (tenth >= 100) {
				lowest = Math.min(lowest, rate);
				highest = Math.max(highest, rate);
			}
			this.clock.advance(Duration.ofMillis(100));
		}
		assertThat(lowest).as("lowest rate after 10 s").isGreaterThanOrEqualTo(36);
		assertThat(highest).as("highest rate after 10 s").isLessThan(41);
		assertThat(rateLimited).as("429s in 60 s, of %s requests", (int) sent).isLessThanOrEqualTo((int) (sent / 100));
	}

	@Test
	void whenTheOtherSenderStopsTheRateIsBackTo76WithinThirtySeconds() {
		acceptAt(40, Duration.ofSeconds(1));
		this.controller.onRateLimited(null);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.controller.currentRate()).isGreaterThanOrEqualTo(76);
		assertThat(this.controller.currentRate()).isLessThanOrEqualTo(RATE);
	}

	@Test
	void aConfiguredRateThatIsNotPositiveIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AdaptiveRateController(0, this.settings, Duration.ofMillis(500),
					Duration.ofSeconds(4), this.clock))
			.withMessage("permits per second must be positive, was 0.0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AdaptiveRateController(-1, this.settings, Duration.ofMillis(500),
					Duration.ofSeconds(4), this.clock))
			.withMessage("permits per second must be positive, was -1.0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AdaptiveRateController(Double.NaN, this.settings, Duration.ofMillis(500),
					Duration.ofSeconds(4), this.clock))
			.withMessage("permits per second must be positive, was NaN");
	}

	@Test
	void changingTheConfiguredRateToOneThatIsNotPositiveIsRejectedAndKeepsTheRate() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.controller.changeConfiguredRate(0))
			.withMessage("permits per second must be positive, was 0.0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.controller.changeConfiguredRate(-1))
			.withMessage("permits per second must be positive, was -1.0");
		assertThat(this.controller.configuredRate()).isEqualTo(RATE);
		assertThat(this.controller.currentRate()).isEqualTo(RATE);
	}

	@Test
	void theConfiguredRateIsTheCeilingWhateverTheCurrentRate() {
		assertThat(this.controller.configuredRate()).isEqualTo(RATE);
		this.controller.onRateLimited(Duration.ofSeconds(1));
		assertThat(this.controller.configuredRate()).isEqualTo(RATE);
		this.controller.changeConfiguredRate(120);
		assertThat(this.controller.configuredRate()).isEqualTo(120);
		assertThat(this.controller.currentRate()).isEqualTo(40);
	}

	@Test
	void withoutAnInitialPauseA429WithoutRetryAfterDoesNotPause() {
		AdaptiveRateController unpaused = new AdaptiveRateController(RATE, this.settings, Duration.ZERO,
				Duration.ofSeconds(4), this.clock);

		assertThat(unpaused.onRateLimited(null).pause()).isZero();
		assertThat(unpaused.currentRate()).isEqualTo(40);
	}

	@Test
	void a429ExactlyWhenTheQuietPeriodEndsStartsANewEpisodeWithTheInitialBackoff() {
		this.controller.onRateLimited(null);
		this.clock.advance(Duration.ofMillis(500).plus(this.settings.quietPeriod()));
		assertThat(this.controller.onRateLimited(null).pause()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void a429ExactlyASecondAfterTheLastCutCutsAgain() {
		this.controller.onRateLimited(Duration.ofMillis(200));
		this.clock.advance(Duration.ofMillis(999));
		assertThat(this.controller.onRateLimited(Duration.ZERO).permitsPerSecond()).isEqualTo(40);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.controller.onRateLimited(Duration.ZERO).permitsPerSecond()).isEqualTo(20);
	}

	@Test
	void a429ExactlyWhenALongPauseEndsCutsAgain() {
		this.controller.onRateLimited(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofSeconds(2).minusNanos(1));
		assertThat(this.controller.onRateLimited(null).permitsPerSecond()).isEqualTo(40);
		this.clock.advance(Duration.ofNanos(1));
		assertThat(this.controller.onRateLimited(null).permitsPerSecond()).isEqualTo(20);
	}

	private void acceptAt(int perSecond, Duration duration) {
		long count = perSecond * duration.toMillis() / 1000;
		Duration spacing = duration.dividedBy(count);
		for (int i = 0; i < count; i++) {
			this.clock.advance(spacing);
			this.controller.onAccepted();
		}
	}

}
