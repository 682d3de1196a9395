package io.github.ciospring.customerio.resilience;

import java.time.Duration;

/**
 * How an API's rate reacts to 429 answers (see {@link AdaptiveRateController}). Rates are fractions of the API's
 * configured rate, so one policy fits every API.
 *
 * @param enabled whether the adaptive throttle is on; when off, a 429 is only retried by the request that got it
 * @param decreaseFactor the largest cut on one 429: the rate is never multiplied by less than this, and by exactly
 * this when no accepted rate was measured, for example 0.5
 * @param minimumRatio the rate never falls below this fraction of the configured rate
 * @param increasePerSecond after the quiet period, the rate grows by this fraction of the configured rate each
 * second, up to the configured rate
 * @param quietPeriod how long after a pause ends without another 429 before the rate starts to recover
 */
public record AdaptiveSettings(boolean enabled, double decreaseFactor, double minimumRatio, double increasePerSecond,
		Duration quietPeriod) {

	public AdaptiveSettings {
		if (!(decreaseFactor > 0 && decreaseFactor <= 1)) {
			throw new IllegalArgumentException(
					"rate-limit adaptive decrease-factor must be in (0, 1], was " + decreaseFactor);
		}
		if (!(minimumRatio > 0 && minimumRatio <= 1)) {
			throw new IllegalArgumentException(
					"rate-limit adaptive minimum-ratio must be in (0, 1], was " + minimumRatio);
		}
		if (!(increasePerSecond > 0)) {
			throw new IllegalArgumentException(
					"rate-limit adaptive increase-per-second must be positive, was " + increasePerSecond);
		}
		if (quietPeriod.isNegative()) {
			throw new IllegalArgumentException(
					"rate-limit adaptive quiet-period must not be negative, was " + quietPeriod);
		}
	}

	/**
	 * Defaults: on, at most halve on a 429, never below 10%, up to +5% of the configured rate per second after 5 s
	 * quiet.
	 */
	public static AdaptiveSettings defaults() {
		return new AdaptiveSettings(true, 0.5, 0.1, 0.05, Duration.ofSeconds(5));
	}

}
