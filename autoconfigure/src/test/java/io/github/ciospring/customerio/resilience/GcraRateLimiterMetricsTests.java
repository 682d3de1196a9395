package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the limiter reports to Resilience4j's meters and to the actuator endpoint: free permits and callers waiting.
 */
class GcraRateLimiterMetricsTests {

	private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

	private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	private final GcraRateLimiter limiter = new GcraRateLimiter("customerio-track", 10, 2, Duration.ofSeconds(30),
			this.nanos::get, Map.of());

	@Test
	void aQuietLimiterHasItsWholeBurstFreeAndNobodyWaiting() {
		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isEqualTo(2);
		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
	}

	@Test
	void reservationsWithinTheBurstDoNotWait() {
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);

		assertThat(this.limiter.getMetrics().getAvailablePermissions()).isZero();
		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
	}

	@Test
	void eachReservationBeyondTheBurstIsOneCallerWaiting() {
		for (int i = 0; i < 5; i++) {
			this.limiter.reservePermission(1);
		}

		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isEqualTo(3);
	}

	@Test
	void aCallerWhoseSlotIsPartlyReachedStillCountsAsWaiting() {
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);
		this.nanos.addAndGet(INTERVAL / 2);

		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isEqualTo(1);
	}

	@Test
	void nobodyWaitsOnceTheLastSlotIsReached() {
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);
		this.limiter.reservePermission(1);
		this.nanos.addAndGet(INTERVAL);

		assertThat(this.limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
	}

	@Test
	void reportsTheConfiguredRateAfterTheRateChanged() {
		this.limiter.changeRate(4);

		assertThat(this.limiter.getConfiguredPermitsPerSecond()).isEqualTo(10.0);
		assertThat(this.limiter.getPermitsPerSecond()).isEqualTo(4.0);
	}

}
