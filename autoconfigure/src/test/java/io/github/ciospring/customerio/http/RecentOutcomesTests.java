package io.github.ciospring.customerio.http;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentOutcomesTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final RecentOutcomes outcomes = new RecentOutcomes(this.clock);

	@Test
	void anApiWithoutAttemptsHasNoOutcomes() {
		assertThat(this.outcomes.snapshot("track")).isEqualTo(RecentOutcomes.Snapshot.NONE);
		assertThat(this.outcomes.snapshot()).isEmpty();
	}

	@Test
	void a401MarksTheCredentialsRejected() {
		this.outcomes.record("track", "identify", 401);

		RecentOutcomes.Snapshot track = this.outcomes.snapshot("track");
		assertThat(track.credentialsRejected()).isTrue();
		assertThat(track.lastRejectionStatus()).isEqualTo(401);
		assertThat(track.lastRejection()).isEqualTo(this.clock.instant());
	}

	@Test
	void a403MarksTheCredentialsRejected() {
		this.outcomes.record("app", "send_email", 403);

		assertThat(this.outcomes.snapshot("app").credentialsRejected()).isTrue();
	}

	@Test
	void aSuccessAfterARejectionClearsIt() {
		this.outcomes.record("track", "identify", 401);
		this.clock.advanceSeconds(5);
		this.outcomes.record("track", "identify", 200);

		RecentOutcomes.Snapshot track = this.outcomes.snapshot("track");
		assertThat(track.credentialsRejected()).isFalse();
		assertThat(track.lastRejectionStatus()).isEqualTo(401);
		assertThat(track.lastSuccess()).isEqualTo(this.clock.instant());
	}

	@Test
	void otherFailuresDoNotMarkTheCredentialsRejected() {
		this.outcomes.record("track", "identify", 503);
		this.outcomes.record("track", "identify", 429);
		this.outcomes.record("track", "identify", 0);

		RecentOutcomes.Snapshot track = this.outcomes.snapshot("track");
		assertThat(track.credentialsRejected()).isFalse();
		assertThat(track.lastFailureStatus()).isZero();
		assertThat(track.lastFailureOperation()).isEqualTo("identify");
	}

	@Test
	void eachApiKeepsItsOwnState() {
		this.outcomes.record("app", "send_email", 401);
		this.outcomes.record("track", "identify", 200);

		assertThat(this.outcomes.snapshot()).containsOnlyKeys("app", "track");
		assertThat(this.outcomes.snapshot("track").credentialsRejected()).isFalse();
		assertThat(this.outcomes.snapshot("app").credentialsRejected()).isTrue();
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advanceSeconds(long seconds) {
			this.now = this.now.plusSeconds(seconds);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
