package io.github.ciospring.customerio.resilience.redis;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which fallback permits are owed to Redis on return: the last minute's when Redis kept its state, the last second's
 * and those still ahead when it lost it.
 */
class FallbackLedgerTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long START = 1_000 * SECOND;

	private final FallbackLedger ledger = new FallbackLedger();

	@Test
	void nothingIsOwedBeforeAPermitIsTaken() {
		assertThat(this.ledger.owed(true, START)).isZero();
		assertThat(this.ledger.owed(false, START)).isZero();
	}

	@Test
	void eachPermitOfAReservationIsOwed() {
		this.ledger.record(START, START + 10, 3);

		assertThat(this.ledger.owed(true, START)).isEqualTo(3);
		assertThat(this.ledger.owed(false, START)).isEqualTo(3);
	}

	@Test
	void redisThatLostItsStateIsOwedTheLastSecondAndWhatIsAhead() {
		this.ledger.record(START, START, 1);
		this.ledger.record(START, START + 2 * SECOND, 1);
		long now = START + SECOND;

		assertThat(this.ledger.owed(false, now)).as("a slot exactly a second ago counts").isEqualTo(2);
		assertThat(this.ledger.owed(false, now + 1)).isEqualTo(1);
		assertThat(this.ledger.owed(true, now + 1)).isEqualTo(2);
	}

	@Test
	void redisThatKeptItsStateIsOwedTheLastMinute() {
		this.ledger.record(START, START, 1);
		long minuteLater = START + FallbackLedger.HORIZON_NANOS;

		assertThat(this.ledger.owed(true, minuteLater)).as("a slot exactly a minute ago counts").isEqualTo(1);
		assertThat(this.ledger.owed(true, minuteLater + 1)).isZero();
	}

	@Test
	void slotsOlderThanAMinuteAreForgottenWhenNewOnesAreRecorded() {
		this.ledger.record(START, START, 2);
		long later = START + FallbackLedger.HORIZON_NANOS;
		this.ledger.record(later, later, 1);
		assertThat(this.ledger.owed(true, START)).as("a slot exactly a minute old is kept").isEqualTo(3);

		this.ledger.record(later + 1, later + 1, 1);
		assertThat(this.ledger.owed(true, START)).as("the first two are forgotten").isEqualTo(2);
	}

	@Test
	void theSlotsOfTheNewestReservationAreKeptHoweverOld() {
		this.ledger.record(START, START - 2 * FallbackLedger.HORIZON_NANOS, 2);

		assertThat(this.ledger.owed(true, START - 2 * FallbackLedger.HORIZON_NANOS)).isEqualTo(2);
	}

	@Test
	void clearingForgetsEverything() {
		this.ledger.record(START, START, 5);
		this.ledger.clear();

		assertThat(this.ledger.owed(true, START)).isZero();
	}

}
