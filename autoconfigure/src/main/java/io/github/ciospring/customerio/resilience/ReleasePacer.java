package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

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
 * jitter), whenever the callers arrived.
 * <p>
 * Stalled time is lost rather than caught up, as a burst after it would break the bound. There is no timeout: only
 * callers the limiter let through arrive here, so at most the calls in flight wait.
 */
public final class ReleasePacer {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final ReleasePacer UNPACED = new ReleasePacer(null, () -> 0L);

	private final RateLimiterStatus limiter;

	private final LongSupplier nanoClock;

	/** The next free slot, on the paced timeline (the clock minus the stalled time). */
	private final AtomicLong theoreticalArrival;

	/** Clock time that does not count on the paced timeline: how late woken callers were, beyond the tolerance. */
	private final AtomicLong stalled = new AtomicLong();

	/**
	 * @param limiter the limiter whose current rate and burst releases are spaced at
	 * @param nanoClock the clock (nanoseconds) the waits are measured on, the one the reactive delays run on
	 */
	public ReleasePacer(RateLimiterStatus limiter, LongSupplier nanoClock) {
		this.limiter = limiter;
		this.nanoClock = nanoClock;
		this.theoreticalArrival = new AtomicLong(nanoClock.getAsLong());
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

	private Mono<Void> awaitSlot(long slot) {
		long wait = nanosUntilRelease(slot);
		if (wait == 0) {
			return Mono.empty();
		}
		return Mono.delay(Duration.ofNanos(wait)).then(Mono.defer(() -> awaitSlot(slot)));
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
			long next = ((arrival >= now - tolerance(interval)) ? arrival : now) + interval;
			if (this.theoreticalArrival.compareAndSet(arrival, next)) {
				return Math.max(now, next - this.limiter.getBurst() * interval);
			}
		}
	}

	/**
	 * How long the caller holding the slot still waits; 0 when it may go now. A caller later than half an interval
	 * moves the timeline on by its lateness, so callers woken with it wait for their slots again.
	 * @param slot a slot from {@link #reserve()}
	 * @return nanoseconds to wait before asking again, 0 to go
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

	private long pacedNow() {
		return this.nanoClock.getAsLong() - this.stalled.get();
	}

	private long interval() {
		return Math.max(1, Math.round(NANOS_PER_SECOND / this.limiter.getPermitsPerSecond()));
	}

	private static long tolerance(long interval) {
		return interval / 2;
	}

}
