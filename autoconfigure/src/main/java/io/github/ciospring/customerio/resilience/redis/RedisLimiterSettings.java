package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;

/**
 * How a shared limiter uses Redis and what it does when Redis does not answer.
 *
 * @param timeout how long one permit's round trip may take before the instance falls back to its local limiter
 * @param fallbackShare the share of the rate the instance takes on its local limiter, for example
 * {@code 1 / expected instances}
 * @param recheckInterval how often an instance on its fallback checks whether Redis answers again
 * @param absentInstanceHold how long, at most, the instances that reach Redis keep the fallback share of an instance
 * Redis stopped seeing free (it may be cut off and on its fallback); zero keeps none free
 */
public record RedisLimiterSettings(Duration timeout, double fallbackShare, Duration recheckInterval,
		Duration absentInstanceHold) {

	/** The default {@code absentInstanceHold}. */
	public static final Duration DEFAULT_ABSENT_INSTANCE_HOLD = Duration.ofSeconds(30);

	/**
	 * Settings that keep an absent instance's share free for {@link #DEFAULT_ABSENT_INSTANCE_HOLD}.
	 * @param timeout how long one permit's round trip may take before the instance falls back
	 * @param fallbackShare the share of the rate the instance takes on its local limiter
	 * @param recheckInterval how often an instance on its fallback checks whether Redis answers again
	 */
	public RedisLimiterSettings(Duration timeout, double fallbackShare, Duration recheckInterval) {
		this(timeout, fallbackShare, recheckInterval, DEFAULT_ABSENT_INSTANCE_HOLD);
	}

	public RedisLimiterSettings {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("rate-limit redis timeout must be positive, was " + timeout);
		}
		if (!(fallbackShare > 0 && fallbackShare <= 1)) {
			throw new IllegalArgumentException(
					"rate-limit redis fallback share must be in (0, 1], was " + fallbackShare);
		}
		if (recheckInterval.isNegative()) {
			throw new IllegalArgumentException(
					"rate-limit redis recheck-interval must not be negative, was " + recheckInterval);
		}
		if (absentInstanceHold.isNegative()) {
			throw new IllegalArgumentException(
					"rate-limit redis absent-instance-hold must not be negative, was " + absentInstanceHold);
		}
	}

	/**
	 * This instance's presence among those sharing the limiters, under a new id: the fallback share is kept free
	 * for an instance unseen for as long as round trips must fail before one falls back.
	 * @param absentAfter how long an instance may go unseen before its share is kept free
	 * @return the presence, untracked when {@code absentInstanceHold} is zero or shorter than {@code absentAfter}
	 */
	public InstancePresence presence(Duration absentAfter) {
		if (this.absentInstanceHold.compareTo(absentAfter) < 0) {
			return InstancePresence.untracked();
		}
		return InstancePresence.of(this.fallbackShare, absentAfter, this.absentInstanceHold);
	}

}
