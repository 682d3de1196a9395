package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;

import io.github.ciospring.customerio.resilience.AdaptiveSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * How every API's rate limiter behaves beyond its own rate (which is set per API, under
 * {@code customerio.<api>.rate-limit}): where permits come from, and how rates react to 429s.
 *
 * @param store where permits come from: {@code local} (each instance on its own, the default) or {@code redis}
 * (shared by every instance through the application's Spring Data Redis connection)
 * @param adaptive how a 429 pauses callers and cuts the rate
 * @param redis the shared limiter, when {@code store} is {@code redis}
 */
@ConfigurationProperties("customerio.rate-limit")
public record CustomerIoRateLimitProperties(@DefaultValue("local") Store store, @DefaultValue Adaptive adaptive,
		@DefaultValue Redis redis) {

	/** Where permits come from. */
	public enum Store {

		/** Each instance keeps its own permits. */
		LOCAL,

		/** Every instance takes its permits from Redis. */
		REDIS

	}

	/**
	 * The adaptive throttle. On a 429 the rate is cut to just under the rate Customer.io accepted over the last
	 * second (never by more than {@code decrease-factor} at once), and every caller of that API pauses together
	 * until {@code Retry-After} has passed (without one, for the API's retry backoff when nothing was accepted in
	 * the last second); after a {@code quiet-period} without 429s it grows back, slowly near the measured capacity
	 * and then by {@code increase-per-second} of the configured rate each second, never above the configured rate.
	 *
	 * @param enabled whether the adaptive throttle is on (default true); off, a 429 is only retried by the request
	 * that got it
	 * @param decreaseFactor the largest cut on one 429: the rate is never multiplied by less than this (default
	 * 0.5), and by exactly this when nothing was accepted to measure the capacity by
	 * @param minimumRatio the rate never falls below this fraction of the configured rate (default 0.1)
	 * @param increasePerSecond the fraction of the configured rate regained each second after the quiet period
	 * (default 0.05)
	 * @param quietPeriod how long after a pause without 429s before the rate recovers (default 5s)
	 */
	public record Adaptive(@DefaultValue("true") boolean enabled, @DefaultValue("0.5") double decreaseFactor,
			@DefaultValue("0.1") double minimumRatio, @DefaultValue("0.05") double increasePerSecond,
			@DefaultValue("5s") Duration quietPeriod) {

		AdaptiveSettings toSettings() {
			return new AdaptiveSettings(this.enabled, this.decreaseFactor, this.minimumRatio, this.increasePerSecond,
					this.quietPeriod);
		}

	}

	/**
	 * The shared limiter. Keys are {@code <key-prefix>:{<workspace>:<api>}:...}, where the workspace is a hash of
	 * the API's credentials (never the credentials themselves) unless set.
	 *
	 * @param keyPrefix prefix of every key (default {@code customerio:ratelimit})
	 * @param workspace names the workspace in keys instead of the credentials' hash, for example when several apps
	 * share a workspace under different credentials
	 * @param timeout how long one permit's round trip to Redis may take before this instance falls back to its
	 * local limiter (default 100ms)
	 * @param expectedInstances how many instances share the rate; each falls back to {@code 1/expected-instances}
	 * of it (default 2)
	 * @param fallbackShare the share of the rate each instance takes while Redis is unreachable, overriding
	 * {@code 1/expected-instances}
	 * @param recheckInterval how often an instance on its fallback checks whether Redis is back (default 1s)
	 * @param maxReconnectDelay the longest Lettuce waits between two attempts to reconnect to a Redis that went away
	 * (default 500ms, Lettuce's own is 30s), so a recheck finds the connection open again soon after Redis is back;
	 * applied to the application's Lettuce client resources unless it defines its own {@code ClientResources} bean
	 * @param absentInstanceHold how long, at most, the instances that reach Redis keep the fallback share of an
	 * instance Redis stopped seeing free, as it may be cut off and on its fallback (default 30s; an instance that
	 * shuts down gives its share back at once, one that crashed after this long; 0 keeps none free)
	 */
	public record Redis(@DefaultValue("customerio:ratelimit") String keyPrefix, String workspace,
			@DefaultValue("100ms") Duration timeout, @DefaultValue("2") int expectedInstances, Double fallbackShare,
			@DefaultValue("1s") Duration recheckInterval, @DefaultValue("500ms") Duration maxReconnectDelay,
			@DefaultValue("30s") Duration absentInstanceHold) {

		public Redis {
			if (maxReconnectDelay.isNegative() || maxReconnectDelay.isZero()) {
				throw new InvalidConfigurationPropertyValueException("customerio.rate-limit.redis.max-reconnect-delay",
						maxReconnectDelay, "must be positive");
			}
			if (absentInstanceHold.isNegative()) {
				throw new InvalidConfigurationPropertyValueException("customerio.rate-limit.redis.absent-instance-hold",
						absentInstanceHold, "must not be negative");
			}
		}

		/** The share of the rate an instance takes on its fallback. */
		public double resolveFallbackShare() {
			if (this.fallbackShare != null) {
				return this.fallbackShare;
			}
			return 1.0 / Math.max(1, this.expectedInstances);
		}

	}

}
