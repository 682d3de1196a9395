package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.UUID;

/**
 * How the instances sharing a limiter keep room for one another's fallback. An instance that Redis has not seen for
 * {@code absentAfter} may be cut off from it and taking its fallback share locally: until it is seen again, or for
 * {@code hold} at most, the instances that still reach Redis share the rate less that share (never less than a share
 * themselves), so that together they stay at the rate. An instance that shuts down says so and gives its share back
 * at once; one that crashed holds it for {@code hold}.
 *
 * @param instanceId names this instance in Redis
 * @param fallbackShare the share of the rate an instance takes on its fallback; 0 keeps nothing free
 * @param absentAfter how long an instance may go unseen before its share is kept free: as long as round trips fail
 * before an instance falls back
 * @param hold how long the share of an instance that stays unseen is kept free at most
 */
public record InstancePresence(String instanceId, double fallbackShare, Duration absentAfter, Duration hold) {

	public InstancePresence {
		if (instanceId == null || instanceId.isBlank()) {
			throw new IllegalArgumentException("instance id must not be blank");
		}
		if (!(fallbackShare >= 0 && fallbackShare <= 1)) {
			throw new IllegalArgumentException("fallback share must be in [0, 1], was " + fallbackShare);
		}
		if (absentAfter.isNegative() || absentAfter.isZero()) {
			throw new IllegalArgumentException("absent-after must be positive, was " + absentAfter);
		}
		if (hold.compareTo(absentAfter) < 0) {
			throw new IllegalArgumentException("hold must be at least absent-after (" + absentAfter + "), was " + hold);
		}
	}

	/**
	 * This instance, under a new random id.
	 * @param fallbackShare the share of the rate an instance takes on its fallback
	 * @param absentAfter how long an instance may go unseen before its share is kept free
	 * @param hold how long the share of an instance that stays unseen is kept free at most
	 * @return the presence
	 */
	public static InstancePresence of(double fallbackShare, Duration absentAfter, Duration hold) {
		return new InstancePresence(UUID.randomUUID().toString(), fallbackShare, absentAfter, hold);
	}

	/** Keeps nothing free for absent instances: every instance present takes from the whole rate. */
	public static InstancePresence untracked() {
		return of(0, Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

	/** Whether shares are kept free for absent instances. */
	public boolean tracked() {
		return this.fallbackShare > 0;
	}

}
