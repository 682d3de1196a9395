package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The adaptive throttle's policy for one API. A 429 says the capacity left to us was exceeded, and the rate at which
 * Customer.io accepted our requests over the last second ({@link #onAccepted()}) measures that capacity: the rate is
 * cut to just under it ({@value #MARGIN} below), never below the decrease factor (less that margin) times the
 * current rate at once and never below the minimum. Without a measurement (nothing accepted in the last second) the
 * rate is multiplied by the decrease factor.
 * Every caller pauses for the {@code Retry-After} Customer.io sent (cut to the longest one the retry honours, so a
 * retry that waited it finds the pause over); without one, and without a measurement, for the retry backoff
 * (doubling while 429s keep coming). With a measurement and no {@code Retry-After}, for the share of a second the
 * cut takes off the rate: the time the server's window, filled at the old rate, needs to make room for the new one.
 * <p>
 * After the pause and a quiet period without 429s the rate grows back, probing like BBR rather than halving and
 * crawling like AIMD: slowly ({@value #SLOW_PROBE} of the increase) up to {@value #PROBE_BAND} above the measured
 * capacity, where the next 429 is likely and should come rarely, then at the full increase per second, since a
 * rate that far above the old capacity is accepted only because the other senders have stopped. Never above the
 * configured rate.
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

	/** How far under the measured capacity a 429 cuts the rate. */
	static final double MARGIN = 0.05;

	/** How far above the measured capacity the rate grows slowly. */
	static final double PROBE_BAND = 0.1;

	/** The fraction of the increase per second the rate grows by near the measured capacity. */
	static final double SLOW_PROBE = 0.2;

	private final AcceptedRate accepted;

	/** The accepted rate measured at the last cut, {@code NaN} when none was. */
	private double capacity = Double.NaN;

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
		this.accepted = new AcceptedRate(nanoClock);
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
		double measured = this.accepted.perSecond();
		double cut = current * this.settings.decreaseFactor();
		if (measured > 0) {
			cut = Math.max(cut, Math.min(current, measured)) * (1 - MARGIN);
		}
		this.rateAtCut = Math.max(floor, cut);
		this.capacity = (measured > 0) ? measured : Double.NaN;
		this.lastCut = now;
		this.pausedUntil = now;
		long pause = (retryAfter != null) ? honoured(retryAfter)
				: (measured > 0) ? windowDrainNanos(current, this.rateAtCut) : backoffNanos(this.episodes);
		extendPause(now, pause);
		return new Throttle(this.rateAtCut, Duration.ofNanos(this.pausedUntil - now));
	}

	/** Records a request Customer.io accepted (answered other than 429), now. */
	public void onAccepted() {
		this.accepted.accepted();
	}

	/**
	 * How long the server's one-second window, filled at the old rate, takes to make room for the new one: the
	 * share of a second the cut takes off. Long after a cold start at twice the capacity, a blink in steady state.
	 */
	private static long windowDrainNanos(double oldRate, double newRate) {
		return Math.round(NANOS_PER_SECOND * Math.max(0, 1 - newRate / oldRate));
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
		// compared before shifting: a long initial pause shifted 30 times could wrap round to a short one
		return (this.initialPauseNanos > (this.maxPauseNanos >> doublings)) ? this.maxPauseNanos
				: this.initialPauseNanos << doublings;
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
		double increase = this.settings.increasePerSecond() * this.configuredRate;
		double rate = this.rateAtCut;
		double bandTop = this.capacity * (1 + PROBE_BAND);
		if (rate < bandTop) {
			double slow = increase * SLOW_PROBE;
			double slowSeconds = (bandTop - rate) / slow;
			if (seconds <= slowSeconds) {
				return Math.min(rate + seconds * slow, this.configuredRate);
			}
			rate = bandTop;
			seconds -= slowSeconds;
		}
		return Math.min(rate + seconds * increase, this.configuredRate);
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
