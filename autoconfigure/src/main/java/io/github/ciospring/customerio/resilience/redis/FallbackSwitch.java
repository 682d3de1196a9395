package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.resilience.redis.RedisRateLimiter.Mode;
import org.jspecify.annotations.Nullable;

/**
 * Where a limiter takes its permits from ({@link Mode}), since when and why, and when an instance on its fallback
 * checks Redis again: at every multiple of the recheck interval on the wall clock, so that the instances of a fleet
 * come back together, not one at a time while the others still use their shares. Each switch is made by one caller
 * only, whoever else tries at the same time.
 */
final class FallbackSwitch {

	private final Duration recheckInterval;

	private final LongSupplier wallMillis;

	private final AtomicReference<State> state = new AtomicReference<>(new State(Mode.REDIS, Instant.now(), null));

	private final AtomicLong nextRecheck = new AtomicLong();

	/**
	 * @param recheckInterval how often an instance on its fallback checks Redis, at once when zero
	 * @param wallMillis milliseconds since the epoch, the same on every instance within clock skew
	 */
	FallbackSwitch(Duration recheckInterval, LongSupplier wallMillis) {
		this.recheckInterval = recheckInterval;
		this.wallMillis = wallMillis;
	}

	/** Where permits come from now. */
	Mode mode() {
		return this.state.get().mode();
	}

	/** Since when permits come from where they come from now. */
	Instant since() {
		return this.state.get().since();
	}

	/** The kind of failure that made this instance fall back, {@code null} when it never did. */
	@Nullable String lastFailure() {
		return this.state.get().lastFailure();
	}

	/**
	 * Switches to the fallback, naming the failure.
	 * @return whether this call switched: {@code false} when on the fallback already
	 */
	boolean fallBack(Throwable failure) {
		State current = this.state.get();
		return current.mode() != Mode.FALLBACK && this.state.compareAndSet(current,
				new State(Mode.FALLBACK, Instant.now(), failure.getClass().getSimpleName()));
	}

	/**
	 * Switches back to Redis, keeping the last failure.
	 * @return whether this call switched: {@code false} when on Redis already
	 */
	boolean backToRedis() {
		State current = this.state.get();
		return current.mode() == Mode.FALLBACK && this.state.compareAndSet(current,
				new State(Mode.REDIS, Instant.now(), current.lastFailure()));
	}

	/**
	 * Sets the first recheck of an outage: the next multiple of the recheck interval on the wall clock.
	 * @param now the local clock
	 */
	void scheduleRecheck(long now) {
		this.nextRecheck.set(nextAlignedRecheck(now));
	}

	/**
	 * Whether Redis is to be checked now; when so, the next recheck is set, so only one caller checks.
	 * @param now the local clock
	 */
	boolean recheckDue(long now) {
		long due = this.nextRecheck.get();
		return now >= due && this.nextRecheck.compareAndSet(due, nextAlignedRecheck(now));
	}

	/**
	 * The next multiple of the recheck interval on the wall clock, as a time on the local clock: every instance
	 * rechecks at the same moments, so they come back to Redis together.
	 * @param now the local clock
	 */
	long nextAlignedRecheck(long now) {
		long interval = this.recheckInterval.toMillis();
		if (interval <= 0) {
			return now;
		}
		long wall = this.wallMillis.getAsLong();
		long untilBoundary = interval - Math.floorMod(wall, interval);
		return now + TimeUnit.MILLISECONDS.toNanos(untilBoundary);
	}

	private record State(Mode mode, Instant since, @Nullable String lastFailure) {

	}

}
