package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One limiter's round trips to Redis ({@link RedisPermitStore}), and whether their failures are an outage: round
 * trips that failed in a row for {@link RedisRateLimiter#OUTAGE}, {@link #FAILURES_TO_FALL_BACK} at least, are
 * reported to the outage listener. A slow spell (a starved CPU, a garbage collection) fails several concurrent trips
 * at once, and is not an outage. The first round trip (a new connection, a cold JIT) may take
 * {@link RedisRateLimiter#FIRST_TRIP_TIMEOUT}. Keeps the epoch of Redis's state this instance last saw.
 */
final class RedisRoundTrips {

	/** What {@link #reserve} returns when Redis did not answer. */
	static final long NO_ANSWER = Long.MIN_VALUE;

	/** Round trips in a row that must fail before the instance falls back, at least. */
	static final int FAILURES_TO_FALL_BACK = 2;

	private static final Log logger = LogFactory.getLog(RedisRateLimiter.class);

	private static final long NOT_FAILING = Long.MIN_VALUE;

	private final RedisPermitStore store;

	private final Duration timeout;

	private final LongSupplier nanoClock;

	private final Consumer<Throwable> outageListener;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	/** When the round trips started to fail in a row (local clock), {@link #NOT_FAILING} while they answer. */
	private final AtomicLong failingSince = new AtomicLong(NOT_FAILING);

	/** The epoch of Redis's state this instance last saw, {@code null} before it saw one. */
	private volatile @Nullable String epoch;

	private volatile boolean answered;

	/**
	 * @param store the limiter's keys in Redis
	 * @param timeout how long one round trip may take
	 * @param nanoClock the local clock
	 * @param outageListener told of the failure that made the round trips an outage, each time one fails during it
	 */
	RedisRoundTrips(RedisPermitStore store, Duration timeout, LongSupplier nanoClock,
			Consumer<Throwable> outageListener) {
		this.store = store;
		this.timeout = timeout;
		this.nanoClock = nanoClock;
		this.outageListener = outageListener;
	}

	/**
	 * Opens the connection, loads the scripts and learns the epoch; failures are left to the first permit to find.
	 */
	Mono<Void> warmUp() {
		return this.store.warmUp()
			.then(this.store.epoch(newEpoch()))
			.doOnNext((seen) -> this.epoch = seen)
			.then()
			.onErrorResume((failure) -> Mono.empty());
	}

	/**
	 * Reserves the next slot in Redis, waiting for the answer at most the round-trip timeout.
	 * @return the wait in nanoseconds, -1 when refused or interrupted, {@link #NO_ANSWER} when Redis did not answer
	 * (the failure is counted)
	 */
	long reserve(long intervalMicros, int burst, long maxWaitMicros, int permits) {
		CompletableFuture<Long> answer = this.store.reserve(intervalMicros, burst, maxWaitMicros, permits).toFuture();
		long sent = this.nanoClock.getAsLong();
		try {
			Long waitMicros = answer.get(tripTimeoutNanos(), TimeUnit.NANOSECONDS);
			if (waitMicros == null) {
				throw new IllegalStateException("no answer from the permit script");
			}
			answered();
			return (waitMicros < 0) ? -1 : TimeUnit.MICROSECONDS.toNanos(waitMicros);
		}
		catch (InterruptedException interrupted) {
			abandon(answer);
			Thread.currentThread().interrupt();
			return -1;
		}
		catch (ExecutionException | TimeoutException | RuntimeException failure) {
			abandon(answer);
			// a slot this trip may have taken in Redis is lost, never granted twice: asking again is safe
			failed((failure instanceof ExecutionException) ? failure.getCause() : failure, sent);
			return NO_ANSWER;
		}
	}

	/**
	 * Writes a pause to Redis without waiting for the answer; a failure counts as a failed round trip.
	 * @param pauseMicros how long from now
	 * @param sent the local clock now
	 */
	void pause(long pauseMicros, long sent) {
		this.store.pause(pauseMicros).timeout(this.timeout).subscribe((remaining) -> {
		}, (failure) -> failed(failure, sent));
	}

	/** The epoch of Redis's state now, offering a new one in case Redis lost it; fails after the timeout. */
	Mono<String> currentEpoch() {
		return currentEpoch(this.timeout);
	}

	/**
	 * The epoch of Redis's state now, offering a new one in case Redis lost it, waiting for it at most the given
	 * time, or the round-trip timeout if that is longer.
	 */
	Mono<String> currentEpoch(Duration patience) {
		return this.store.epoch(newEpoch()).timeout((patience.compareTo(this.timeout) > 0) ? patience : this.timeout);
	}

	/**
	 * Spends permits taken elsewhere against the shared budget; fails after the timeout.
	 * @param permits how many, none when 0
	 */
	Mono<Long> spend(long intervalMicros, int permits) {
		Mono<Long> spent = (permits > 0) ? this.store.spend(intervalMicros, permits) : Mono.just(0L);
		return spent.timeout(this.timeout);
	}

	/** Whether Redis answers with the epoch this instance last saw: it kept its state. */
	boolean sameState(String seen) {
		return seen.equals(this.epoch);
	}

	/** The epoch of Redis's state this instance last saw, {@code null} before it saw one. */
	@Nullable String epoch() {
		return this.epoch;
	}

	/**
	 * Starts over after an outage: Redis answers with the given epoch.
	 * @param seen the epoch Redis answered with
	 */
	void cameBack(String seen) {
		this.epoch = seen;
		this.consecutiveFailures.set(0);
		this.failingSince.set(NOT_FAILING);
	}

	/**
	 * Cancels a round trip given up on. The Redis client completes the cancelled command in this thread, running its
	 * callbacks here: Lettuce stops the command's observation, and when the event loop is still starting it (a
	 * starved CPU) Micrometer's meter handler throws for want of its {@code Timer.Sample}. That is the observation
	 * failing, not Redis, and never the caller's concern.
	 */
	private static void abandon(CompletableFuture<Long> answer) {
		try {
			answer.cancel(true);
		}
		catch (RuntimeException observationFailure) {
			logger.debug("Cancelling a Redis round trip failed in the client's callbacks", observationFailure);
		}
	}

	/** A new epoch to offer: a Redis that lost its state must answer with one no instance has seen. */
	private static String newEpoch() {
		return UUID.randomUUID().toString();
	}

	/** The first round trip opens the connection and may find a cold JIT: it may take longer. */
	private long tripTimeoutNanos() {
		long timeout = this.timeout.toNanos();
		return this.answered ? timeout : Math.max(timeout, RedisRateLimiter.FIRST_TRIP_TIMEOUT.toNanos());
	}

	private void answered() {
		this.consecutiveFailures.set(0);
		this.failingSince.set(NOT_FAILING);
		if (!this.answered) {
			this.answered = true;
			if (this.epoch == null) {
				this.store.epoch(newEpoch()).subscribe((seen) -> this.epoch = seen, (failure) -> {
				});
			}
		}
	}

	/**
	 * Counts a failed round trip; tells the outage listener when round trips have failed in a row for
	 * {@link RedisRateLimiter#OUTAGE}, {@link #FAILURES_TO_FALL_BACK} at least.
	 * @param sent when the failed round trip was sent (local clock)
	 */
	private void failed(Throwable failure, long sent) {
		this.failingSince.compareAndSet(NOT_FAILING, sent);
		int failures = this.consecutiveFailures.incrementAndGet();
		long since = this.failingSince.get();
		if (failures >= FAILURES_TO_FALL_BACK && since != NOT_FAILING
				&& this.nanoClock.getAsLong() - since >= RedisRateLimiter.OUTAGE.toNanos()) {
			this.outageListener.accept(failure);
		}
	}

}
