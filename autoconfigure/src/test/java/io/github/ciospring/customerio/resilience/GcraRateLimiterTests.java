package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ciospring.customerio.support.RecordingRateLimiter;
import io.github.ciospring.customerio.support.Windows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The limiter spaces permits evenly, so any window of length {@code T} holds at most {@code burst + rate * T}
 * permits. Checked on a manual nanosecond clock: a reservation returns how long its caller must wait, and the
 * permit is at {@code now + wait}.
 */
class GcraRateLimiterTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	@Test
	void permitsAreSpacedOneIntervalApart() {
		GcraRateLimiter limiter = limiter(80, 1, Duration.ofSeconds(30));

		assertThat(reserve(limiter, 4)).containsExactly(0L, 12_500_000L, 25_000_000L, 37_500_000L);
	}

	@Test
	void burstPermitsAreFreeAfterAQuietSpell() {
		GcraRateLimiter limiter = limiter(10, 3, Duration.ofSeconds(30));

		assertThat(reserve(limiter, 5)).containsExactly(0L, 0L, 0L, 100 * MS, 200 * MS);
		this.clock.addAndGet(10 * SECOND);
		assertThat(reserve(limiter, 4)).containsExactly(0L, 0L, 0L, 100 * MS);
	}

	@ParameterizedTest(name = "{0}/s, burst {1}")
	@CsvSource({ "80, 1", "80, 4", "10, 1", "1000, 10" })
	void anyWindowHoldsAtMostBurstPlusRateTimesItsLength(int rate, int burst) {
		GcraRateLimiter limiter = limiter(rate, burst, Duration.ofHours(1));
		Random random = new Random(42);
		List<Long> permits = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			// callers arrive in clumps and lulls, on average faster than the rate
			if (random.nextInt(4) == 0) {
				this.clock.addAndGet((long) (random.nextDouble() * 4 * SECOND / rate));
			}
			permits.add(this.clock.get() + limiter.reservePermission(1));
		}

		for (long window : new long[] { 10 * MS, 100 * MS, SECOND, 3 * SECOND }) {
			long bound = burst + window * rate / SECOND;
			assertThat(Windows.maxInAnyWindow(permits, window)).as("permits in any %d ms", window / MS)
				.isLessThanOrEqualTo((int) bound);
		}
	}

	@Test
	void aSteadyStreamOfCallersGetsExactlyTheRate() {
		GcraRateLimiter limiter = limiter(80, 1, Duration.ofHours(1));
		List<Long> permits = new ArrayList<>();
		for (int i = 0; i < 800; i++) {
			permits.add(this.clock.get() + limiter.reservePermission(1));
		}

		assertThat(permits.get(799) - permits.get(0)).isEqualTo(799 * 12_500_000L);
	}

	@Test
	void aReservationFurtherAwayThanTheTimeoutIsRefusedAndTakesNoSlot() {
		GcraRateLimiter limiter = limiter(10, 1, Duration.ofMillis(150));

		assertThat(reserve(limiter, 3)).containsExactly(0L, 100 * MS, -1L);
		this.clock.addAndGet(100 * MS);
		assertThat(limiter.reservePermission(1)).isEqualTo(100 * MS);
	}

	@Test
	void aChangedTimeoutAppliesToLaterReservations() {
		GcraRateLimiter limiter = limiter(10, 1, Duration.ofMillis(150));
		reserve(limiter, 2);

		limiter.changeTimeoutDuration(Duration.ofMillis(250));

		assertThat(limiter.reservePermission(1)).isEqualTo(200 * MS);
	}

	@Test
	void pauseUntilHoldsEveryCallerBackUntilThenAndSpacesThemWithoutBurst() {
		GcraRateLimiter limiter = limiter(10, 3, Duration.ofSeconds(30));

		limiter.pauseUntil(this.clock.get() + 5 * SECOND);

		assertThat(reserve(limiter, 3)).containsExactly(5 * SECOND, 5 * SECOND + 100 * MS, 5 * SECOND + 200 * MS);
	}

	@Test
	void pauseReportsTheTimeItStillHoldsCallersBack() {
		GcraRateLimiter limiter = limiter(10, 1, Duration.ofSeconds(30));
		limiter.pauseUntil(this.clock.get() + 5 * SECOND);

		this.clock.addAndGet(2 * SECOND);

		assertThat(limiter.remainingPauseNanos()).isEqualTo(3 * SECOND);
		this.clock.addAndGet(4 * SECOND);
		assertThat(limiter.remainingPauseNanos()).isZero();
	}

	@Test
	void anEarlierPauseDoesNotShortenALaterOne() {
		GcraRateLimiter limiter = limiter(10, 1, Duration.ofSeconds(30));

		limiter.pauseUntil(this.clock.get() + 5 * SECOND);
		limiter.pauseUntil(this.clock.get() + SECOND);

		assertThat(limiter.reservePermission(1)).isEqualTo(5 * SECOND);
	}

	@Test
	void aPauseBeyondTheTimeoutRefusesCallers() {
		GcraRateLimiter limiter = limiter(10, 1, Duration.ofSeconds(1));

		limiter.pauseUntil(this.clock.get() + 5 * SECOND);

		assertThat(limiter.reservePermission(1)).isEqualTo(-1);
	}

	@Test
	void changeRateSpacesLaterPermitsAtTheNewRateAfterTheSlotsAlreadyReserved() {
		GcraRateLimiter limiter = limiter(10, 1, Duration.ofSeconds(30));
		// two permits at the old rate: at 0 and 100 ms, the second one's slot lasting until 200 ms
		assertThat(reserve(limiter, 2)).containsExactly(0L, 100 * MS);

		limiter.changeRate(20);

		assertThat(limiter.getPermitsPerSecond()).isEqualTo(20.0);
		assertThat(reserve(limiter, 3)).containsExactly(200 * MS, 250 * MS, 300 * MS);
	}

	@Test
	void changeLimitForPeriodSetsTheRateOverTheReportedPeriod() {
		GcraRateLimiter limiter = limiter(10, 2, Duration.ofSeconds(30));
		assertThat(limiter.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(200));

		limiter.changeLimitForPeriod(4);

		assertThat(limiter.getPermitsPerSecond()).isEqualTo(20.0);
	}

	@Test
	void drainingTakesEveryFreePermit() {
		GcraRateLimiter limiter = limiter(10, 3, Duration.ofSeconds(30));

		limiter.drainPermissions();

		assertThat(limiter.reservePermission(1)).isEqualTo(100 * MS);
	}

	@Test
	void metricsReportFreePermitsAndCallersWaiting() {
		GcraRateLimiter limiter = limiter(10, 3, Duration.ofSeconds(30));
		assertThat(limiter.getMetrics().getAvailablePermissions()).isEqualTo(3);

		reserve(limiter, 5);

		assertThat(limiter.getMetrics().getAvailablePermissions()).isLessThanOrEqualTo(0);
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isEqualTo(2);
	}

	@Test
	void reportsItsRateAsAResilience4jConfig() {
		GcraRateLimiter limiter = limiter(80, 4, Duration.ofSeconds(30));

		assertThat(limiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(4);
		assertThat(limiter.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(50));
		assertThat(limiter.getRateLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void refusesANonPositiveRateOrBurst() {
		assertThatIllegalArgumentException().isThrownBy(() -> limiter(0, 1, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> limiter(10, 0, Duration.ZERO));
	}

	@Test
	void sixteenConcurrentCallersNeverGetMoreThanBurstPlusRateInAnyOneSecond() throws Exception {
		RecordingRateLimiter limiter = new RecordingRateLimiter("concurrent", 80, 1, Duration.ofHours(1));
		ExecutorService callers = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				done.add(callers.submit(() -> {
					start.await();
					for (int i = 0; i < 125; i++) {
						assertThat(limiter.reservePermission(1)).isNotNegative();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> caller : done) {
				caller.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}

		assertThat(limiter.permitTimes()).hasSize(2_000);
		assertThat(Windows.maxInAnyWindow(limiter.permitTimes(), SECOND)).isLessThanOrEqualTo(81);
	}

	@Test
	void acquirePermissionIsRefusedWhenTheSlotIsBeyondTheTimeout() {
		GcraRateLimiter limiter = limiter(1, 1, Duration.ZERO);

		assertThat(limiter.acquirePermission(1)).isTrue();
		assertThat(limiter.acquirePermission(1)).isFalse();
	}

	@Test
	void acquirePermissionGivesUpWhenTheWaitingThreadIsInterrupted() {
		GcraRateLimiter limiter = limiter(1, 1, Duration.ofHours(1));
		assertThat(limiter.acquirePermission(1)).isTrue();

		Thread.currentThread().interrupt();
		try {
			assertThat(limiter.acquirePermission(1)).isFalse();
		}
		finally {
			Thread.interrupted();
		}
	}

	private GcraRateLimiter limiter(double rate, int burst, Duration timeout) {
		return new GcraRateLimiter("test", rate, burst, timeout, this.clock::get, Map.of());
	}

	private static List<Long> reserve(GcraRateLimiter limiter, int count) {
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			waits.add(limiter.reservePermission(1));
		}
		return waits;
	}

}
