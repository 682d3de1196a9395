package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTimesTests {

	private static final long MS = 1_000_000L;

	@Test
	void maxInWindowCountsTheBusiestHalfOpenWindow() {
		RequestTimes times = new RequestTimes(new long[] { 0, 100 * MS, 900 * MS, 1_000 * MS, 1_050 * MS, 1_899 * MS },
				false);
		assertThat(times.maxInWindow(Duration.ofSeconds(1))).isEqualTo(4);
	}

	@Test
	void busiestWindowStartIsItsFirstRequestsOffset() {
		RequestTimes times = new RequestTimes(new long[] { 0, 900 * MS, 1_000 * MS, 1_050 * MS, 1_899 * MS }, false);
		assertThat(times.busiestWindowStart(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(900));
	}

	@Test
	void requestsExactlyOneWindowApartAreNotInTheSameWindow() {
		RequestTimes times = new RequestTimes(new long[] { 0, 1_000 * MS, 2_000 * MS }, false);
		assertThat(times.maxInAnySecond()).isEqualTo(1);
	}

	@Test
	void timesNeedNotArriveInOrder() {
		RequestTimes times = new RequestTimes(new long[] { 1_500 * MS, 0, 1_400 * MS, 10 * MS }, false);
		assertThat(times.maxInAnySecond()).isEqualTo(2);
		assertThat(times.span()).isEqualTo(Duration.ofMillis(1_500));
	}

	@Test
	void rateIsIntervalsOverSpan() {
		long[] nanos = new long[81];
		for (int i = 0; i < nanos.length; i++) {
			nanos[i] = i * 12_500_000L;
		}
		assertThat(new RequestTimes(nanos, false).ratePerSecond()).isEqualTo(80.0);
	}

	@Test
	void rateOfFewerThanTwoRequestsIsZero() {
		assertThat(new RequestTimes(new long[] { 5 }, false).ratePerSecond()).isZero();
	}

	@Test
	void ringKeepsOnlyTheLatestTimesAndSaysSo() {
		TimestampRing ring = new TimestampRing(3);
		for (long t = 1; t <= 5; t++) {
			ring.add(t);
		}
		RequestTimes times = ring.snapshot();
		assertThat(times.toArray()).containsExactly(3, 4, 5);
		assertThat(times.isTruncated()).isTrue();
	}

	@Test
	void ringGrowsBeyondItsFirstBlockUpToItsCapacity() {
		TimestampRing ring = new TimestampRing(5_000);
		for (long t = 0; t < 5_000; t++) {
			ring.add(t);
		}
		RequestTimes times = ring.snapshot();
		assertThat(times.count()).isEqualTo(5_000);
		assertThat(times.isTruncated()).isFalse();
	}

}
