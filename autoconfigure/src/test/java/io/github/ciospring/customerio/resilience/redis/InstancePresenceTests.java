package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstancePresenceTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	@Test
	void eachInstanceGetsItsOwnId() {
		assertThat(InstancePresence.of(0.5, SECOND, SECOND).instanceId())
			.isNotEqualTo(InstancePresence.of(0.5, SECOND, SECOND).instanceId());
	}

	@Test
	void aShareAboveZeroIsTracked() {
		assertThat(InstancePresence.of(0.5, SECOND, SECOND).tracked()).isTrue();
		assertThat(InstancePresence.untracked().tracked()).isFalse();
	}

	@Test
	void settingsWithAHoldTrackThePresenceAtTheirFallbackShare() {
		InstancePresence presence = new RedisLimiterSettings(Duration.ofMillis(100), 0.25, SECOND,
				Duration.ofSeconds(30))
			.presence(SECOND);

		assertThat(presence.fallbackShare()).isEqualTo(0.25);
		assertThat(presence.absentAfter()).isEqualTo(SECOND);
		assertThat(presence.hold()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void settingsWithAHoldShorterThanAbsentAfterTrackNothing() {
		assertThat(new RedisLimiterSettings(Duration.ofMillis(100), 0.25, SECOND, Duration.ZERO).presence(SECOND)
			.tracked()).isFalse();
		assertThat(new RedisLimiterSettings(Duration.ofMillis(100), 0.25, SECOND, Duration.ofMillis(999))
			.presence(SECOND)
			.tracked()).isFalse();
		assertThat(new RedisLimiterSettings(Duration.ofMillis(100), 0.25, SECOND, SECOND).presence(SECOND).tracked())
			.isTrue();
	}

	@Test
	void settingsKeepAnAbsentInstancesShareFreeForThirtySecondsByDefault() {
		assertThat(new RedisLimiterSettings(Duration.ofMillis(100), 0.5, SECOND).absentInstanceHold())
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void theLimitsThemselvesAreAccepted() {
		assertThat(new InstancePresence("a", 0, SECOND, SECOND).tracked()).isFalse();
		assertThat(new InstancePresence("a", 1, SECOND, SECOND).hold()).isEqualTo(SECOND);
		assertThat(new InstancePresence("a", 0.5, Duration.ofNanos(1), Duration.ofNanos(1)).absentAfter())
			.isEqualTo(Duration.ofNanos(1));
	}

	@Test
	void badValuesAreRefusedNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InstancePresence(" ", 0.5, SECOND, SECOND))
			.withMessageContaining("instance id");
		assertThatIllegalArgumentException().isThrownBy(() -> new InstancePresence("a", 1.5, SECOND, SECOND))
			.withMessageContaining("fallback share");
		assertThatIllegalArgumentException().isThrownBy(() -> new InstancePresence("a", -0.1, SECOND, SECOND))
			.withMessageContaining("fallback share");
		assertThatIllegalArgumentException().isThrownBy(() -> new InstancePresence("a", 0.5, Duration.ZERO, SECOND))
			.withMessageContaining("absent-after");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InstancePresence("a", 0.5, SECOND, Duration.ofMillis(999)))
			.withMessageContaining("hold");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisLimiterSettings(Duration.ofMillis(100), 0.5, SECOND, Duration.ofSeconds(-1)))
			.withMessageContaining("absent-instance-hold");
	}

}
