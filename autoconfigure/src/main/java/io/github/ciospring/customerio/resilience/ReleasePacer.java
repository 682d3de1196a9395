package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import reactor.core.publisher.Mono;

/**
 * Spaces the moments requests actually leave, behind an API's rate limiter, at the limiter's current rate and burst
 * (so an adaptive rate cut applies here too).
 * <p>
 * The limiter spaces reservations, but a caller leaves when its timer fires, and when the process stalls (garbage
 * collection, CPU starvation) every timer due during the stall fires at once when it ends. The pacer decides on the
 * clock time a caller actually arrives: callers that arrive spaced go at once, a bunch is spread out again. Its own
 * waits can be stalled as well, so a caller that wakes more than half an interval after its slot does not go along
 * with the others woken with it: the pacer's timeline is moved on by the lateness (stalled time does not count), and
 * the callers behind it wait for their slots again. A window of length {@code T} thus holds at most
 * {@code burst + rate * T} releases (rounded to the nearest whole number: half an interval is allowed for timer
 * jitter), whenever the callers arrived. That bound is kept on the clock itself too: a caller whose slot has come
 * is released only once the previous release is an interval behind (half an interval of lateness forgiven), so a
 * caller that arrives while the others are still asleep after a stall does not go along with the first one woken.
 * <p>
 * Stalled time is lost rather than caught up, as a burst after it would break the bound. There is no timeout: only
 * callers the limiter let through arrive here, so at most the calls in flight wait.
 * <p>
 * Behind a limiter shared by several instances, the same holds for the permit itself
 * ({@link #awaitRelease(long, Mono)}): a request written more than {@link #STALE_INTERVALS} intervals after the slot
 * its permit was granted for gives that slot up and takes a fresh permit, as a starved instance would otherwise
 * write requests for slots it missed by hundreds of milliseconds on top of the other instances' on-time ones. (Alone,
 * the pacer's own spacing is the bound, and a slot given up would only be rate lost.) So does a permit granted
 * before a pause (after a 429) that is still running when it is to be written: every caller pauses, including
 * those already let through, and then goes at the rate cut, rather than adding to the 429s.
 */
public final class ReleasePacer {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/** Lateness, in intervals of the current rate, beyond which a permit's slot is given up when writing. */
	static final int STALE_INTERVALS = 3;

	private static final ReleasePacer UNPACED = new ReleasePacer(null, () -> 0L);

	private final RateLimiterStatus limiter;

	private final LongSupplier nanoClock;

	private final boolean shared;

	/** The next free slot, on the paced timeline (the clock minus the stalled time). */
	private final AtomicLong theoreticalArrival;

	/** Clock time that does not count on the paced timeline: how late woken callers were, beyond the tolerance. */
	private final AtomicLong stalled = new AtomicLong();

	/** The next release the clock allows without a burst: the last release plus an interval (GCRA on the clock). */
	private final AtomicLong nextRelease;

	/**
	 * @param limiter the limiter whose current rate and burst releases are spaced at
	 * @param nanoClock the clock (nanoseconds) the waits are measured on, the one the reactive delays run on
	 */
	public ReleasePacer(RateLimiterStatus limiter, LongSupplier nanoClock) {
		this(limiter, nanoClock, false);
	}

	/**
	 * @param limiter the limiter whose current rate and burst releases are spaced at
	 * @param nanoClock the clock (nanoseconds) the waits are measured on, the one the reactive delays run on
	 * @param shared whether the limiter's permits are shared with other instances (through Redis): a permit's slot
	 * missed by more than {@link #STALE_INTERVALS} intervals is then given up when writing
	 */
	public ReleasePacer(RateLimiterStatus limiter, LongSupplier nanoClock, boolean shared) {
		this.limiter = limiter;
		this.nanoClock = nanoClock;
		this.shared = shared;
		this.theoreticalArrival = new AtomicLong(nanoClock.getAsLong());
		this.nextRelease = new AtomicLong(nanoClock.getAsLong());
	}

	/** A pacer that lets every caller go at once, for limiters that report no rate. */
	public static ReleasePacer unpaced() {
		return UNPACED;
	}

	/**
	 * Completes when the caller may send: at once when callers arrive spaced, later to spread out a bunch. The
	 * waits are {@link Mono#delay(Duration) delays} on the parallel scheduler.
	 */
	public Mono<Void> awaitRelease() {
		if (this.limiter == null) {
			return Mono.empty();
		}
		return Mono.defer(() -> awaitSlot(reserve()));
	}

	/**
	 * Takes a permit from the limiter and completes, with the permit's slot on this pacer's clock, when the slot is
	 * due; an error {@link RequestNotPermitted} when the limiter refuses (the slot is further than its longest wait).
	 * Taking a permit may block the subscribing thread when the limiter does (a round trip to Redis).
	 * @param rateLimiter the limiter this pacer spaces releases for
	 * @return the slot, emitted when it is due
	 */
	public Mono<Long> takePermit(RateLimiter rateLimiter) {
		return Mono.defer(() -> {
			long asked = this.nanoClock.getAsLong();
			long wait = rateLimiter.reservePermission(1);
			if (wait < 0) {
				return Mono.error(RequestNotPermitted.createRequestNotPermitted(rateLimiter));
			}
			long slot = asked + wait;
			return (wait == 0) ? Mono.just(slot) : Mono.delay(Duration.ofNanos(wait)).thenReturn(slot);
		});
	}

	/**
	 * As {@link #awaitRelease()} for a caller holding a permit for the given slot: when the pacer releases it more
	 * than {@link #STALE_INTERVALS} intervals after that slot behind a shared limiter (the process was starved, or the pacer spread a bunch
	 * of permits whose timers fired together), or while the limiter is paused after a 429, the slot is given up, the
	 * fresh permit (which honours the pause and the rate cut) is awaited, and the caller passes the pacer again. One
	 * fresh permit at most, so a slow limiter cannot hold a request back for ever; when it is refused the caller goes
	 * on its old one.
	 * @param permitSlot the slot the caller's permit was granted for, on this pacer's clock
	 * @param freshPermit takes another permit and completes when its slot is due ({@link #takePermit})
	 * @return completes when the caller may send
	 */
	public Mono<Void> awaitRelease(long permitSlot, Mono<Long> freshPermit) {
		if (this.limiter == null) {
			return Mono.empty();
		}
		return awaitRelease().then(Mono.defer(() -> mustRetake(permitSlot)
				? freshPermit.onErrorResume(RequestNotPermitted.class, (refused) -> Mono.empty())
					.flatMap((slot) -> awaitRelease())
				: Mono.empty()));
	}

	/** Whether a permit for the slot is given up now: it is stale, or a pause runs that began after it was granted. */
	private boolean mustRetake(long permitSlot) {
		return isStale(permitSlot) || this.limiter.remainingPauseNanos() > 0;
	}

	/** Whether a permit for the slot of a shared limiter is too late to be written now. */
	boolean isStale(long permitSlot) {
		return this.shared && this.nanoClock.getAsLong() - permitSlot > STALE_INTERVALS * interval();
	}

	private Mono<Void> awaitSlot(long slot) {
		long wait = nanosUntilRelease(slot);
		if (wait == 0) {
			return awaitClock();
		}
		return Mono.delay(Duration.ofNanos(wait)).then(Mono.defer(() -> awaitSlot(slot)));
	}

	private Mono<Void> awaitClock() {
		long wait = nanosUntilClockAllows();
		if (wait == 0) {
			return Mono.empty();
		}
		return Mono.delay(Duration.ofNanos(wait)).then(Mono.defer(this::awaitClock));
	}

	/**
	 * Takes the next slot for a caller arriving now: now if the rate and burst allow it, else the first free one. A
	 * caller at most half an interval behind the timeline keeps its place on it (timer jitter is not lost rate); one
	 * further behind starts it again from now.
	 * @return the slot, on the paced timeline
	 */
	long reserve() {
		while (true) {
			long now = pacedNow();
			long interval = interval();
			long arrival = this.theoreticalArrival.get();
			long next = following(arrival, now, interval);
			if (this.theoreticalArrival.compareAndSet(arrival, next)) {
				return Math.max(now, next - this.limiter.getBurst() * interval);
			}
		}
	}

	/**
	 * How long the caller holding the slot still waits on the paced timeline; 0 when its slot has come, and it
	 * passes {@link #nanosUntilClockAllows()}. A caller later than half an interval moves the timeline on by its
	 * lateness, so callers woken with it wait for their slots again.
	 * @param slot a slot from {@link #reserve()}
	 * @return nanoseconds to wait before asking again, 0 when the slot has come
	 */
	long nanosUntilRelease(long slot) {
		long clock = this.nanoClock.getAsLong();
		long now = clock - this.stalled.get();
		if (now < slot) {
			return slot - now;
		}
		long latest = slot + tolerance(interval());
		if (now > latest) {
			this.stalled.accumulateAndGet(clock - latest, Math::max);
		}
		return 0;
	}

	/**
	 * Takes the next release on the clock itself when it is due (0), else says how long to wait for it: releases
	 * are spaced an interval apart, a burst allowed; a release at most half an interval late keeps its place, a later
	 * one starts the spacing again from now (time nobody was released in is lost, not caught up).
	 */
	long nanosUntilClockAllows() {
		long interval = interval();
		long burstAllowance = (this.limiter.getBurst() - 1) * interval;
		while (true) {
			long clock = this.nanoClock.getAsLong();
			long next = this.nextRelease.get();
			if (clock < next - burstAllowance) {
				return next - burstAllowance - clock;
			}
			if (this.nextRelease.compareAndSet(next, following(next, clock, interval))) {
				return 0;
			}
		}
	}

	private long pacedNow() {
		return this.nanoClock.getAsLong() - this.stalled.get();
	}

	private long interval() {
		return Math.max(1, Math.round(NANOS_PER_SECOND / this.limiter.getPermitsPerSecond()));
	}

	/**
	 * The slot after one scheduled for {@code scheduled}, taken {@code now}: an interval later when it is taken at
	 * most half an interval late (timer jitter keeps its place), else an interval after now (stalled time is lost).
	 */
	private static long following(long scheduled, long now, long interval) {
		return ((now - scheduled <= tolerance(interval)) ? scheduled : now) + interval;
	}

	private static long tolerance(long interval) {
		return interval / 2;
	}

}
