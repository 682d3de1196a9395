package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

import io.github.ciospring.customerio.support.Windows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release pacer on a manual clock. Callers arrive (their limiter timers fire) at given clock times; a small event
 * loop wakes each waiting caller when the pacer told it to, except during a simulated stall, when nothing runs and
 * every wake-up due in it happens when it ends.
 */
class ReleasePacerTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long INTERVAL = SECOND / 80;

	private final ManualClock clock = new ManualClock();

	private final long start = this.clock.getAsLong();

	private final GcraRateLimiter limiter = new GcraRateLimiter("customerio-track", 80, 1, Duration.ofSeconds(30),
			this.clock, Map.of());

	private final ReleasePacer pacer = new ReleasePacer(this.limiter, this.clock);

	@Test
	void callersArrivingAtTheRateGoWithoutWaiting() {
		for (int i = 0; i < 200; i++) {
			this.clock.advance(Duration.ofNanos(INTERVAL));
			assertThat(this.pacer.nanosUntilRelease(this.pacer.reserve())).as("wait of caller %d", i).isZero();
		}
	}

	@Test
	void callersLateByLessThanHalfAnIntervalKeepTheirPlaceAndGoWithoutWaiting() {
		List<Long> arrivals = new ArrayList<>();
		for (int i = 1; i <= 200; i++) {
			// every other limiter timer fires 6 ms late, the next one on time
			arrivals.add(this.start + i * INTERVAL + ((i % 2 == 0) ? TimeUnit.MILLISECONDS.toNanos(6) : 0));
		}

		assertThat(release(arrivals, Stall.NONE)).isEqualTo(arrivals);
	}

	@Test
	void callersArrivingTogetherAreSpreadAtTheRate() {
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			waits.add(this.pacer.nanosUntilRelease(this.pacer.reserve()));
		}

		assertThat(waits).containsExactly(0L, INTERVAL, 2 * INTERVAL, 3 * INTERVAL);
	}

	@Test
	void callersArrivingAfterAQuietSpellGoTogetherUpToTheBurst() {
		GcraRateLimiter bursty = new GcraRateLimiter("customerio-track", 80, 3, Duration.ofSeconds(30), this.clock,
				Map.of());
		ReleasePacer pacer = new ReleasePacer(bursty, this.clock);
		this.clock.advance(Duration.ofSeconds(5));
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			waits.add(pacer.nanosUntilRelease(pacer.reserve()));
		}

		assertThat(waits).containsExactly(0L, 0L, 0L, INTERVAL, 2 * INTERVAL);
	}

	@Test
	void limiterTimersHeldBackByAStallAndFiringTogetherAreSpreadToTheRateInAnyWindow() {
		// the limiter's slots, 80/s for 4 s; those due during a 600 ms stall fire together when it ends
		Stall stall = new Stall(this.start + SECOND, this.start + SECOND + 600 * 1_000_000L);
		List<Long> arrivals = new ArrayList<>();
		for (int i = 1; i <= 320; i++) {
			arrivals.add(stall.heldBack(this.start + i * INTERVAL));
		}
		assertThat(Windows.maxInAnyWindow(arrivals, SECOND)).as("arrivals in a 1 s window").isGreaterThan(120);

		List<Long> released = release(arrivals, Stall.NONE);

		assertThat(released).hasSize(320);
		assertThat(Windows.maxInAnyWindow(released, SECOND)).isEqualTo(81);
		assertThat(Windows.maxInAnyWindow(released, SECOND / 10)).isLessThanOrEqualTo(9);
	}

	@Test
	void callersWaitingAtThePacerWhenAStallHoldsTheirWakeUpsBackAreSpreadAgain() {
		// 40 callers arrive at once, and the stall starts while the pacer spreads them
		List<Long> arrivals = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			arrivals.add(this.start + SECOND);
		}
		for (int i = 1; i <= 80; i++) {
			arrivals.add(this.start + 2 * SECOND + i * INTERVAL);
		}
		Stall stall = new Stall(this.start + SECOND + 100 * 1_000_000L, this.start + SECOND + 400 * 1_000_000L);

		List<Long> released = release(arrivals, stall);

		assertThat(released).hasSize(120);
		assertThat(released.stream().filter((at) -> at == stall.end())).as("released as the stall ended").hasSize(1);
		assertThat(Windows.maxInAnyWindow(released, SECOND)).isLessThanOrEqualTo(81);
		assertThat(Windows.maxInAnyWindow(released, SECOND / 10)).isLessThanOrEqualTo(9);
	}

	@Test
	void callersAreSpreadAtTheLimitersCurrentRate() {
		this.limiter.changeRate(40);
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			waits.add(this.pacer.nanosUntilRelease(this.pacer.reserve()));
		}

		assertThat(waits).containsExactly(0L, 2 * INTERVAL, 4 * INTERVAL);
	}

	@Test
	void callersFollowARateCutMadeWhileTheyArrive() {
		this.pacer.nanosUntilRelease(this.pacer.reserve());
		this.limiter.changeRate(40);
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			waits.add(this.pacer.nanosUntilRelease(this.pacer.reserve()));
		}

		assertThat(waits).containsExactly(INTERVAL, 3 * INTERVAL);
	}

	@Test
	void aCallerArrivingAsAStallEndsDoesNotGoAlongWithTheFirstCallerWokenLate() {
		// 10 callers wait at the pacer when a stall starts; an 11th arrives (its limiter timer fires) as it ends,
		// before any of the waiting ones has woken to move the paced timeline on
		List<Long> arrivals = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			arrivals.add(this.start + SECOND);
		}
		Stall stall = new Stall(this.start + SECOND + 20 * 1_000_000L, this.start + SECOND + 500 * 1_000_000L);
		arrivals.add(stall.end() - 1);

		List<Long> released = release(arrivals, stall);

		assertThat(released).hasSize(11);
		assertThat(released.stream().filter((at) -> at == stall.end())).as("released as the stall ended").hasSize(1);
		assertThat(Windows.maxInAnyWindow(released, INTERVAL / 2)).as("releases in half an interval").isEqualTo(1);
		assertThat(Windows.maxInAnyWindow(released, SECOND / 10)).isLessThanOrEqualTo(9);
	}

	@Test
	void theClockAllowsABurstAfterAQuietSpellThenOneReleasePerInterval() {
		GcraRateLimiter bursty = new GcraRateLimiter("customerio-track", 80, 3, Duration.ofSeconds(30), this.clock,
				Map.of());
		ReleasePacer pacer = new ReleasePacer(bursty, this.clock);
		this.clock.advance(Duration.ofSeconds(5));
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			waits.add(pacer.nanosUntilClockAllows());
		}
		this.clock.advance(Duration.ofNanos(INTERVAL / 2));
		waits.add(pacer.nanosUntilClockAllows());

		// three at once; the fourth waits for an interval after the first; half an interval later, half of one
		assertThat(waits).containsExactly(0L, 0L, 0L, INTERVAL, INTERVAL / 2);
	}

	@Test
	void theClockForgivesHalfAnIntervalOfLatenessAndLosesTimeNobodyWasReleasedIn() {
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		// the next release is due an interval later; it comes 6 ms late and keeps its place
		this.clock.advance(Duration.ofNanos(INTERVAL + TimeUnit.MILLISECONDS.toNanos(6)));
		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		assertThat(this.pacer.nanosUntilClockAllows()).isEqualTo(INTERVAL - TimeUnit.MILLISECONDS.toNanos(6));
		// a second without releases is not caught up
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		assertThat(this.pacer.nanosUntilClockAllows()).isEqualTo(INTERVAL);
	}

	@Test
	void aCallerExactlyHalfAnIntervalBehindTheTimelineKeepsItsPlace() {
		this.pacer.reserve();
		this.clock.advance(Duration.ofNanos(INTERVAL + INTERVAL / 2));
		assertThat(this.pacer.reserve()).isEqualTo(this.clock.getAsLong());

		assertThat(this.pacer.reserve()).as("the next caller's slot").isEqualTo(this.start + 2 * INTERVAL);
	}

	@Test
	void aCallerMoreThanHalfAnIntervalBehindTheTimelineStartsItAgainFromNow() {
		this.pacer.reserve();
		this.clock.advance(Duration.ofNanos(INTERVAL + INTERVAL / 2 + 1));
		long now = this.clock.getAsLong();
		assertThat(this.pacer.reserve()).isEqualTo(now);

		assertThat(this.pacer.reserve()).as("the next caller's slot").isEqualTo(now + INTERVAL);
	}

	@Test
	void aCallerWhoseSlotIsExactlyDueGoesAndOneWokenLaterThanHalfAnIntervalMovesTheTimelineOnByItsLateness() {
		long first = this.pacer.reserve();
		long second = this.pacer.reserve();
		assertThat(this.pacer.nanosUntilRelease(first)).isZero();
		assertThat(this.pacer.nanosUntilRelease(second)).isEqualTo(INTERVAL);
		long lateness = 10 * INTERVAL;
		this.clock.advance(Duration.ofNanos(INTERVAL + INTERVAL / 2 + lateness));

		assertThat(this.pacer.nanosUntilRelease(second)).isZero();
		// the lateness does not count: on the paced timeline it is half an interval after the second slot
		long third = this.pacer.reserve();
		assertThat(third).isEqualTo(this.start + 2 * INTERVAL);
		assertThat(this.pacer.nanosUntilRelease(third)).isEqualTo(INTERVAL / 2);
		// the stalled time is counted once, however often the late caller asks
		assertThat(this.pacer.nanosUntilRelease(second)).isZero();
		assertThat(this.pacer.nanosUntilRelease(third)).isEqualTo(INTERVAL / 2);
	}

	@Test
	void aCallerWokenExactlyHalfAnIntervalAfterItsSlotDoesNotMoveTheTimelineOn() {
		this.pacer.reserve();
		long second = this.pacer.reserve();
		this.clock.advance(Duration.ofNanos(INTERVAL + INTERVAL / 2));

		assertThat(this.pacer.nanosUntilRelease(second)).isZero();
		long third = this.pacer.reserve();
		assertThat(third).isEqualTo(this.start + 2 * INTERVAL);
		assertThat(this.pacer.nanosUntilRelease(third)).isEqualTo(INTERVAL / 2);
	}

	@Test
	void aReleaseExactlyHalfAnIntervalLateKeepsItsPlaceOnTheClock() {
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		this.clock.advance(Duration.ofNanos(INTERVAL + INTERVAL / 2));

		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		assertThat(this.pacer.nanosUntilClockAllows()).isEqualTo(INTERVAL / 2);
	}

	@Test
	void aReleaseMoreThanHalfAnIntervalLateStartsTheSpacingOnTheClockAgain() {
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		this.clock.advance(Duration.ofNanos(INTERVAL + INTERVAL / 2 + 1));

		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		assertThat(this.pacer.nanosUntilClockAllows()).isEqualTo(INTERVAL);
	}

	@Test
	void aReleaseExactlyDueOnTheClockTakesItsPlace() {
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		this.clock.advance(Duration.ofNanos(INTERVAL - 1));
		assertThat(this.pacer.nanosUntilClockAllows()).isEqualTo(1);
		this.clock.advance(Duration.ofNanos(1));

		assertThat(this.pacer.nanosUntilClockAllows()).isZero();
		assertThat(this.pacer.nanosUntilClockAllows()).isEqualTo(INTERVAL);
	}

	@Test
	void aPermitOfASharedLimiterIsStaleOnlyMoreThanStaleIntervalsAfterItsSlot() {
		ReleasePacer shared = new ReleasePacer(this.limiter, this.clock, true);
		long slot = this.clock.getAsLong();
		this.clock.advance(Duration.ofNanos(ReleasePacer.STALE_INTERVALS * INTERVAL));
		assertThat(shared.isStale(slot)).isFalse();
		this.clock.advance(Duration.ofNanos(1));

		assertThat(shared.isStale(slot)).isTrue();
		assertThat(this.pacer.isStale(slot)).as("behind an unshared limiter").isFalse();
	}

	@Test
	void unpacedPacerLetsEveryCallerGoAtOnce() {
		assertThat(ReleasePacer.unpaced().awaitRelease().block(Duration.ofSeconds(1))).isNull();
	}

	/**
	 * Runs the callers through the pacer: each arrives (reserves a slot) at its time and asks again whenever the
	 * pacer told it to wait, except that nothing runs during the stall.
	 * @return the clock times callers were released at
	 */
	private List<Long> release(List<Long> arrivals, Stall stall) {
		PriorityQueue<Wake> wakes = new PriorityQueue<>(
				Comparator.comparingLong(Wake::at).thenComparingLong(Wake::sequence));
		long sequence = 0;
		for (long arrival : arrivals) {
			wakes.add(new Wake(stall.heldBack(arrival), sequence++, null, false));
		}
		List<Long> released = new ArrayList<>();
		while (!wakes.isEmpty()) {
			Wake wake = wakes.poll();
			long now = this.clock.getAsLong();
			this.clock.advance(Duration.ofNanos(Math.max(0, wake.at() - now)));
			long slot = (wake.slot() != null) ? wake.slot() : this.pacer.reserve();
			boolean slotCame = wake.slotCame() || this.pacer.nanosUntilRelease(slot) == 0;
			long wait = slotCame ? this.pacer.nanosUntilClockAllows() : this.pacer.nanosUntilRelease(slot);
			if (wait == 0) {
				released.add(this.clock.getAsLong());
			}
			else {
				wakes.add(new Wake(stall.heldBack(this.clock.getAsLong() + wait), sequence++, slot, slotCame));
			}
		}
		return released;
	}

	/** A caller's next wake-up: before its slot came on the paced timeline, or after, waiting for the clock. */
	private record Wake(long at, long sequence, Long slot, boolean slotCame) {
	}

	/** A span of clock time in which nothing runs: what was due in it runs when it ends. */
	private record Stall(long start, long end) {

		static final Stall NONE = new Stall(0, 0);

		long heldBack(long due) {
			return (due >= this.start && due < this.end) ? this.end : due;
		}

	}

}
