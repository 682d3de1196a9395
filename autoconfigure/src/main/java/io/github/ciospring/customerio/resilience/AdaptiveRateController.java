package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The adaptive throttle's policy for one API (AIMD). On a 429 every caller pauses for the {@code Retry-After}
 * Customer.io sent (cut to the longest one the retry honours, so a retry that waited it finds the pause over), or
 * else for the retry backoff (doubling while 429s keep coming), and the rate is multiplied by the decrease factor,
 * never below the minimum. After the pause and a quiet period without 429s the rate grows back linearly, never
 * above the configured rate.
 * <p>
 * The answers to requests already in flight when the first 429 arrived are part of the same episode: a 429 during
 * the pause, or less than a second after the last cut, extends the pause but does not cut again.
 * <p>
 * The rate is computed from an injected nanosecond clock when asked, so no thread is needed to recover it, and
 * the policy can be tested on a manual clock. Thread-safe.
 */
public final class AdaptiveRateController {

	private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long MIN_NANOS_BETWEEN_CUTS = NANOS_PER_SECOND;

	private final AdaptiveSettings settings;

	private final long initialPauseNanos;

	private final long maxPauseNanos;

	private final long maxRetryAfterNanos;

	private final LongSupplier nanoClock;

	private double configuredRate;

	private double rateAtCut;

	private long lastCut;

	private long pausedUntil;

	private long recoveryStart;

	private int episodes;

	private long rateLimitedCount;

	/**
	 * A controller that pauses for the whole of every {@code Retry-After}.
	 * @param configuredRate the API's configured rate, the ceiling, in permits per second
	 * @param settings the decrease, floor and recovery
	 * @param initialPause the pause after a 429 without {@code Retry-After}; it doubles on each further 429 that
	 * comes before a quiet period has passed
	 * @param maxPause the longest pause without {@code Retry-After}
	 * @param nanoClock the clock
	 */
	public AdaptiveRateController(double configuredRate, AdaptiveSettings settings, Duration initialPause,
			Duration maxPause, LongSupplier nanoClock) {
		this(configuredRate, settings, initialPause, maxPause, null, nanoClock);
	}

	/**
	 * @param configuredRate the API's configured rate, the ceiling, in permits per second
	 * @param settings the decrease, floor and recovery
	 * @param initialPause the pause after a 429 without {@code Retry-After}; it doubles on each further 429 that
	 * comes before a quiet period has passed
	 * @param maxPause the longest pause without {@code Retry-After}
	 * @param maxRetryAfter the longest {@code Retry-After} paused for, longer ones are cut to it (the retry's
	 * {@code max-retry-after}, so the pause never outlasts the retry's wait); {@code null} for no cut
	 * @param nanoClock the clock
	 */
	public AdaptiveRateController(double configuredRate, AdaptiveSettings settings, Duration initialPause,
			Duration maxPause, Duration maxRetryAfter, LongSupplier nanoClock) {
		requirePositive(configuredRate);
		this.settings = settings;
		this.initialPauseNanos = initialPause.toNanos();
		this.maxPauseNanos = Math.max(maxPause.toNanos(), this.initialPauseNanos);
		this.maxRetryAfterNanos = (maxRetryAfter != null) ? maxRetryAfter.toNanos() : Long.MAX_VALUE;
		this.nanoClock = nanoClock;
		this.configuredRate = configuredRate;
		this.rateAtCut = configuredRate;
		long now = nanoClock.getAsLong();
		this.lastCut = now - MIN_NANOS_BETWEEN_CUTS;
		this.pausedUntil = now;
		this.recoveryStart = now;
	}

	private static void requirePositive(double rate) {
		if (!(rate > 0)) {
			throw new IllegalArgumentException("permits per second must be positive, was " + rate);
		}
	}

	/**
	 * Records a 429.
	 * @param retryAfter the delay Customer.io asked for, or {@code null} when it sent none
	 * @return the rate to use and the pause every caller must now observe
	 */
	public synchronized Throttle onRateLimited(Duration retryAfter) {
		long now = this.nanoClock.getAsLong();
		this.rateLimitedCount++;
		boolean sameEpisode = now < this.pausedUntil || now - this.lastCut < MIN_NANOS_BETWEEN_CUTS;
		if (sameEpisode) {
			if (retryAfter != null) {
				extendPause(now, honoured(retryAfter));
			}
			return new Throttle(rateAt(now), Duration.ofNanos(Math.max(0, this.pausedUntil - now)));
		}
		this.episodes = (now < this.recoveryStart) ? this.episodes + 1 : 1;
		double floor = this.configuredRate * this.settings.minimumRatio();
		double current = rateAt(now);
		this.rateAtCut = Math.max(floor, current * this.settings.decreaseFactor());
		this.lastCut = now;
		this.pausedUntil = now;
		extendPause(now, (retryAfter != null) ? honoured(retryAfter) : backoffNanos(this.episodes));
		return new Throttle(this.rateAtCut, Duration.ofNanos(this.pausedUntil - now));
	}

	private long honoured(Duration retryAfter) {
		return Math.min(retryAfter.toNanos(), this.maxRetryAfterNanos);
	}

	private void extendPause(long now, long pauseNanos) {
		this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, pauseNanos));
		this.recoveryStart = this.pausedUntil + this.settings.quietPeriod().toNanos();
	}

	private long backoffNanos(int episode) {
		int doublings = Math.min(Math.max(episode - 1, 0), 30);
		long pause = this.initialPauseNanos << doublings;
		return (pause < 0 || pause > this.maxPauseNanos) ? this.maxPauseNanos : pause;
	}

	/** The rate callers should be held to now, in permits per second. */
	public synchronized double currentRate() {
		return rateAt(this.nanoClock.getAsLong());
	}

	private double rateAt(long now) {
		if (now <= this.recoveryStart) {
			return Math.min(this.rateAtCut, this.configuredRate);
		}
		double seconds = (double) (now - this.recoveryStart) / NANOS_PER_SECOND;
		double grown = this.rateAtCut + seconds * this.settings.increasePerSecond() * this.configuredRate;
		return Math.min(grown, this.configuredRate);
	}

	/** The ceiling the rate recovers to. */
	public synchronized double configuredRate() {
		return this.configuredRate;
	}

	/**
	 * Changes the ceiling. Unthrottled, the rate follows at once; throttled, it recovers towards the new ceiling
	 * from where it is, and a rate above the new ceiling is brought down to it at once.
	 */
	public synchronized void changeConfiguredRate(double permitsPerSecond) {
		requirePositive(permitsPerSecond);
		long now = this.nanoClock.getAsLong();
		double current = rateAt(now);
		boolean throttled = current < this.configuredRate;
		this.configuredRate = permitsPerSecond;
		if (throttled) {
			this.rateAtCut = Math.min(current, permitsPerSecond);
			this.recoveryStart = Math.max(this.recoveryStart, now);
		}
		else {
			this.rateAtCut = permitsPerSecond;
		}
	}

	/** How long the current pause still runs, zero when none. */
	public synchronized Duration remainingPause() {
		return Duration.ofNanos(Math.max(0, this.pausedUntil - this.nanoClock.getAsLong()));
	}

	/** 429s seen since this controller was created. */
	public synchronized long rateLimitedCount() {
		return this.rateLimitedCount;
	}

	/**
	 * What a 429 asks of the limiter.
	 *
	 * @param permitsPerSecond the rate from now on
	 * @param pause how long every caller waits from now
	 */
	public record Throttle(double permitsPerSecond, Duration pause) {

	}

}
