package io.github.ciospring.customerio.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims an instance holds: each renewed once half of its lease has passed, until its rows are deleted or
 * released.
 */
class OutboxLeasesTests {

	private final MutableClock clock = new MutableClock();

	private final OutboxLeases leases = new OutboxLeases(this.clock, 2000);

	private static Batch batch() {
		PendingOperation[] items = { PendingOperation.stored(1, new byte[] { '{', '}' }) };
		return new Batch(items, 1, new byte[0]);
	}

	@Test
	void aLeaseIsDueForRenewalOnceHalfOfItHasPassed() {
		Batch batch = batch();
		this.leases.held(batch, this.leases.leaseFromNow());

		this.clock.advance(Duration.ofMillis(999));
		assertThat(this.leases.dueForRenewal()).isEmpty();
		assertThat(this.leases.millisToNextRenewal()).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.leases.dueForRenewal()).containsExactly(batch);
		assertThat(this.leases.millisToNextRenewal()).isZero();

		this.leases.held(batch, this.leases.leaseFromNow());
		assertThat(this.leases.dueForRenewal()).isEmpty();
		assertThat(this.leases.millisToNextRenewal()).isEqualTo(1000);
	}

	@Test
	void aBatchWhoseRowsAreDeletedOrReleasedIsNoLongerRenewed() {
		Batch deleted = batch();
		Batch released = batch();
		this.leases.held(deleted, this.leases.leaseFromNow());
		this.leases.held(released, this.leases.leaseFromNow());
		assertThat(this.leases.size()).isEqualTo(2);

		this.leases.ended(deleted.items);
		this.leases.ended(released);

		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.leases.dueForRenewal()).isEmpty();
		assertThat(this.leases.size()).isZero();
		assertThat(this.leases.millisToNextRenewal()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void aSettledBatchEndsOnlyItsOwnLeaseAndEachLeaseFallsDueOnItsOwnTime() {
		Batch settled = batch();
		Batch older = batch();
		this.leases.held(settled, this.leases.leaseFromNow());
		this.leases.held(older, this.leases.leaseFromNow());
		this.clock.advance(Duration.ofMillis(400));
		Batch newer = batch();
		this.leases.held(newer, this.leases.leaseFromNow());

		this.leases.ended(settled.items);

		assertThat(this.leases.size()).isEqualTo(2);
		this.clock.advance(Duration.ofMillis(600));
		assertThat(this.leases.dueForRenewal()).containsExactly(older);
		assertThat(this.leases.millisToNextRenewal()).isZero();
		this.leases.held(older, this.leases.leaseFromNow());
		assertThat(this.leases.millisToNextRenewal()).as("the newer batch's renewal comes first").isEqualTo(400);
	}

	/** A wall clock that moves only when told to. */
	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
