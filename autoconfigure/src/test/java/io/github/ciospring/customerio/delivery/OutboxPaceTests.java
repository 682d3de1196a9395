package io.github.ciospring.customerio.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static io.github.ciospring.customerio.delivery.DeliveryFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the outbox claims: a full batch or a lingered first row of this instance's commits, a full last claim,
 * or the poll; never once per commit. Times are nanoseconds on a made-up clock.
 */
class OutboxPaceTests {

	private static final long MS = 1_000_000;

	/** Batches of 10, 50 ms linger, 1 s poll; the first claim at 0 found nothing. */
	private OutboxPace pace() {
		OutboxPace pace = new OutboxPace(settings().maxBatch(10, 499_999).linger(Duration.ofMillis(50)).build(),
				1000 * MS, 0);
		assertThat(pace.isDue(0)).as("rows from before a start are claimed at once").isTrue();
		pace.claiming(0);
		pace.claimed(0, 0);
		return pace;
	}

	@Test
	void theFirstCommitSignalsAndStartsTheLingerLaterOnesDoNot() {
		OutboxPace pace = pace();

		assertThat(pace.committed(1, 100 * MS)).isTrue();
		assertThat(pace.committed(1, 110 * MS)).isFalse();
		assertThat(pace.isDue(149 * MS)).isFalse();
		assertThat(pace.delayNanos(120 * MS)).isEqualTo(30 * MS);
		assertThat(pace.isDue(150 * MS)).isTrue();
	}

	@Test
	void theCommitThatFillsABatchSignalsAndMakesItDueAtOnce() {
		OutboxPace pace = pace();
		pace.committed(4, 100 * MS);

		assertThat(pace.committed(5, 101 * MS)).isFalse();
		assertThat(pace.isFull()).isFalse();
		assertThat(pace.committed(1, 102 * MS)).isTrue();
		assertThat(pace.isFull()).isTrue();
		assertThat(pace.isDue(102 * MS)).isTrue();
		assertThat(pace.delayNanos(102 * MS)).isZero();
		assertThat(pace.committed(5, 103 * MS)).as("already full").isFalse();
	}

	@Test
	void aClaimStartsTheCountAgain() {
		OutboxPace pace = pace();
		pace.committed(3, 100 * MS);

		pace.claiming(150 * MS);
		pace.claimed(3, 3);

		assertThat(pace.isDue(500 * MS)).isFalse();
		assertThat(pace.committed(1, 500 * MS)).isTrue();
	}

	@Test
	void aFullClaimOrOneCutByBytesMeansMoreRowsWait() {
		OutboxPace pace = pace();

		pace.claiming(10 * MS);
		pace.claimed(10, 10);
		assertThat(pace.isDue(10 * MS)).isTrue();
		pace.claiming(11 * MS);
		pace.claimed(6, 4);
		assertThat(pace.isDue(11 * MS)).isTrue();
		pace.claiming(12 * MS);
		pace.claimed(6, 6);
		assertThat(pace.isDue(12 * MS)).isFalse();
	}

	@Test
	void thePollComesWithoutCommits() {
		OutboxPace pace = pace();

		assertThat(pace.delayNanos(400 * MS)).isEqualTo(600 * MS);
		assertThat(pace.isDue(999 * MS)).isFalse();
		assertThat(pace.isDue(1000 * MS)).isTrue();
		assertThat(pace.delayNanos(2000 * MS)).isZero();
	}

	@Test
	void aFailedClaimWaitsForThePoll() {
		OutboxPace pace = pace();
		pace.claiming(10 * MS);
		pace.claimed(10, 10);

		pace.claiming(20 * MS);
		pace.failed();

		assertThat(pace.isDue(500 * MS)).isFalse();
		assertThat(pace.isDue(1020 * MS)).isTrue();
	}

}
