package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveRateLimiterTests {

	private final ManualClock clock = new ManualClock();

	private final GcraRateLimiter local = new GcraRateLimiter("customerio-test", 10, 1, Duration.ofSeconds(30),
			this.clock, Map.of());

	private final AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(this.local, new AdaptiveRateController(10,
			new AdaptiveSettings(true, 0.5, 0.1, 0.1, Duration.ofSeconds(1)), Duration.ofMillis(500),
			Duration.ofSeconds(8), this.clock));

	@Test
	void a429HoldsEveryLaterReservationUntilThePauseHasPassed() {
		this.limiter.onRateLimited(Duration.ofSeconds(3));
		long first = this.limiter.reservePermission(1);
		long second = this.limiter.reservePermission(1);
		assertThat(first).isEqualTo(TimeUnit.SECONDS.toNanos(3));
		assertThat(second).isEqualTo(TimeUnit.SECONDS.toNanos(3) + TimeUnit.MILLISECONDS.toNanos(200));
	}

	@Test
	void a429CutsTheRateOfTheWrappedLimiter() {
		this.limiter.onRateLimited(Duration.ofSeconds(1));
		assertThat(this.local.getPermitsPerSecond()).isEqualTo(5);
		assertThat(this.limiter.getPermitsPerSecond()).isEqualTo(5);
	}

	@Test
	void theWrappedLimiterRecoversAtTheNextReservation() {
		this.limiter.onRateLimited(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1 + 1 + 5));
		this.limiter.reservePermission(1);
		assertThat(this.local.getPermitsPerSecond()).isEqualTo(10);
	}

	@Test
	void changingTheRateChangesTheCeiling() {
		this.limiter.changeRate(4);
		assertThat(this.local.getPermitsPerSecond()).isEqualTo(4);
		this.limiter.onRateLimited(Duration.ofSeconds(1));
		assertThat(this.limiter.getPermitsPerSecond()).isEqualTo(2);
	}

}
