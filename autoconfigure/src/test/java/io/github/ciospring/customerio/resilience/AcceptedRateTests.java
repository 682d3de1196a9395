package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AcceptedRateTests {

	private final ManualClock clock = new ManualClock();

	private final AcceptedRate rate = new AcceptedRate(this.clock);

	@Test
	void nothingAcceptedMeasuresZero() {
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.rate.perSecond()).isZero();
	}

	@Test
	void measuresTheAcceptedRequestsOfTheLastSecond() {
		this.clock.advance(Duration.ofSeconds(5));
		acceptSpaced(40, Duration.ofMillis(25));
		assertThat(this.rate.perSecond()).isCloseTo(40, within(1e-9));
	}

	@Test
	void requestsAcceptedMoreThanASecondAgoNoLongerCount() {
		this.clock.advance(Duration.ofSeconds(5));
		acceptSpaced(40, Duration.ofMillis(25));
		this.clock.advance(Duration.ofMillis(500));
		assertThat(this.rate.perSecond()).as("the last 500 ms of them").isCloseTo(20, within(1.0));
		this.clock.advance(Duration.ofMillis(600));
		assertThat(this.rate.perSecond()).isZero();
	}

	@Test
	void aRequestAcceptedExactlyASecondAgoNoLongerCounts() {
		this.clock.advance(Duration.ofSeconds(5));
		this.rate.accepted();
		this.clock.advance(Duration.ofMillis(990));
		assertThat(this.rate.perSecond()).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(10));
		assertThat(this.rate.perSecond()).isZero();
	}

	@Test
	void aSlotReusedAfterItsSecondStartsFromZero() {
		this.clock.advance(Duration.ofSeconds(5));
		this.rate.accepted();
		this.rate.accepted();
		this.clock.advance(Duration.ofSeconds(1));
		this.rate.accepted();
		assertThat(this.rate.perSecond()).isEqualTo(1);
	}

	@Test
	void inTheFirstSecondTheRateIsOverTheTimeSinceCreation() {
		acceptSpaced(20, Duration.ofMillis(25));
		assertThat(this.rate.perSecond()).as("20 in 500 ms").isCloseTo(40, within(1e-9));
	}

	@Test
	void oneEarlyAnswerIsNotTakenForAHighRate() {
		this.clock.advance(Duration.ofMillis(1));
		this.rate.accepted();
		assertThat(this.rate.perSecond()).as("1 in at least 100 ms").isEqualTo(10);
	}

	@Test
	void countsOnAClockAtZeroOrBelowAsAnywhereElse() {
		for (long start : new long[] { 0, -5_000_000_000L, -1 }) {
			AtomicLong now = new AtomicLong(start);
			AcceptedRate rate = new AcceptedRate(now::get);
			rate.accepted();
			rate.accepted();
			assertThat(rate.perSecond()).as("2 in at least 100 ms from %d", start).isEqualTo(20);
			now.addAndGet(1_000_000_000L);
			assertThat(rate.perSecond()).as("a second later, from %d", start).isZero();
		}
	}

	private void acceptSpaced(int count, Duration spacing) {
		for (int i = 0; i < count; i++) {
			this.clock.advance(spacing);
			this.rate.accepted();
		}
	}

}
