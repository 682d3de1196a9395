package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.github.ciospring.customerio.support.VirtualTime;
import io.github.ciospring.customerio.support.Windows;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A permit written too long after its slot gives the slot up and takes a fresh one, on Reactor's virtual time. The
 * fleet case: two instances share one limiter (as through Redis), one of them is starved for 400 ms, and the
 * requests it then writes late must not add to the other's on-time ones.
 */
class ReleasePacerStalePermitTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long INTERVAL = SECOND / 80;

	private VirtualTimeScheduler time;

	private LongSupplier clock;

	private GcraRateLimiter shared;

	@BeforeEach
	void installVirtualTime() {
		this.time = VirtualTime.install();
		this.clock = () -> this.time.now(TimeUnit.NANOSECONDS);
		this.shared = new GcraRateLimiter("customerio-track", 80, 1, Duration.ofSeconds(30), this.clock, Map.of());
	}

	@AfterEach
	void resetTime() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void permitWrittenWithinStaleIntervalsOfItsSlotTakesNoFreshPermit() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
		AtomicInteger fresh = new AtomicInteger();
		long slot = this.clock.getAsLong();
		this.time.advanceTimeBy(Duration.ofNanos(ReleasePacer.STALE_INTERVALS * INTERVAL));

		assertThat(released(pacer.awaitRelease(slot, Mono.fromSupplier(fresh::incrementAndGet).thenReturn(0L))))
			.isTrue();
		assertThat(fresh).hasValue(0);
	}

	@Test
	void permitWrittenLaterThanStaleIntervalsWaitsForAFreshPermitsSlot() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
		long slot = this.clock.getAsLong();
		// others took the shared slots meanwhile: the fresh permit's slot is 6 intervals away
		this.shared.reservePermission(6);
		this.time.advanceTimeBy(Duration.ofNanos(ReleasePacer.STALE_INTERVALS * INTERVAL + 1));
		long late = this.clock.getAsLong();
		long[] releasedAt = { -1 };
		pacer.awaitRelease(slot, pacer.takePermit(this.shared))
			.subscribe(null, null, () -> releasedAt[0] = this.clock.getAsLong());

		this.time.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(releasedAt[0]).isGreaterThan(late);
		assertThat(releasedAt[0] - slot).isEqualTo(6 * INTERVAL);
	}

	@Test
	void permitStillHeldWhenA429PauseStartsWaitsOutThePauseForAFreshPermit() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
		long slot = this.clock.getAsLong();
		this.shared.pauseFor(Duration.ofMillis(500));
		long[] releasedAt = { -1 };
		pacer.awaitRelease(slot, pacer.takePermit(this.shared))
			.subscribe(null, null, () -> releasedAt[0] = this.clock.getAsLong());

		this.time.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(releasedAt[0] - slot).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
	}

	@Test
	void permitOfAnUnsharedLimiterIsNeverStale() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, false);
		AtomicInteger fresh = new AtomicInteger();
		long slot = this.clock.getAsLong();
		this.time.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(released(pacer.awaitRelease(slot, Mono.fromSupplier(fresh::incrementAndGet).thenReturn(0L))))
			.isTrue();
		assertThat(fresh).hasValue(0);
	}

	@Test
	void stalePermitGoesOnWhenTheFreshOneIsRefused() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
		long slot = this.clock.getAsLong();
		this.time.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(released(pacer.awaitRelease(slot,
				Mono.error(RequestNotPermitted.createRequestNotPermitted(this.shared)))))
			.isTrue();
	}

	@Test
	void atMostOneFreshPermitIsTakenForAWrite() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
		AtomicInteger fresh = new AtomicInteger();
		long slot = this.clock.getAsLong();
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		// the fresh permit's slot is stale too by the time it is due
		Mono<Long> staleAgain = Mono.fromSupplier(fresh::incrementAndGet).thenReturn(slot);

		assertThat(released(pacer.awaitRelease(slot, staleAgain))).isTrue();
		assertThat(fresh).hasValue(1);
	}

	@Test
	void unpacedPacerTakesNoFreshPermit() {
		AtomicInteger fresh = new AtomicInteger();

		assertThat(released(ReleasePacer.unpaced()
			.awaitRelease(0, Mono.fromSupplier(fresh::incrementAndGet).thenReturn(0L)))).isTrue();
		assertThat(fresh).hasValue(0);
	}

	@Test
	void refusedPermitIsAnError() {
		GcraRateLimiter tight = new GcraRateLimiter("customerio-track", 1, 1, Duration.ofMillis(10), this.clock,
				Map.of());
		ReleasePacer pacer = new ReleasePacer(tight, this.clock, true);
		tight.reservePermission(1);
		AtomicInteger refused = new AtomicInteger();

		pacer.takePermit(tight).subscribe(null, (failure) -> {
			if (failure instanceof RequestNotPermitted) {
				refused.incrementAndGet();
			}
		});

		assertThat(refused).hasValue(1);
	}

	@Test
	void aPermitDueNowIsEmittedAtOnceWithTheCurrentSlot() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		long now = this.clock.getAsLong();
		List<Long> slots = new CopyOnWriteArrayList<>();

		pacer.takePermit(this.shared).subscribe(slots::add);

		assertThat(slots).containsExactly(now);
	}

	@Test
	void aPermitForALaterSlotIsEmittedWhenTheSlotIsDue() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		long now = this.clock.getAsLong();
		this.shared.reservePermission(1);
		List<Long> slots = new CopyOnWriteArrayList<>();
		long[] emittedAt = { -1 };

		pacer.takePermit(this.shared).subscribe((slot) -> {
			slots.add(slot);
			emittedAt[0] = this.clock.getAsLong();
		});
		this.time.advanceTimeBy(Duration.ofNanos(INTERVAL - 1));
		assertThat(slots).isEmpty();
		this.time.advanceTimeBy(Duration.ofNanos(1));

		assertThat(slots).containsExactly(now + INTERVAL);
		assertThat(emittedAt[0]).isEqualTo(now + INTERVAL);
	}

	@Test
	void aCallerWhoseSlotHasComeWaitsUntilTheClockAllowsTheNextRelease() {
		ReleasePacer pacer = new ReleasePacer(this.shared, this.clock);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		long start = this.clock.getAsLong();
		// a release the clock counted just now (the paced timeline has none)
		assertThat(pacer.nanosUntilClockAllows()).isZero();
		long[] releasedAt = { -1 };

		pacer.awaitRelease().subscribe(null, null, () -> releasedAt[0] = this.clock.getAsLong());
		this.time.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(releasedAt[0]).isEqualTo(start + INTERVAL);
	}

	@Test
	void starvedInstanceSharingALimiterAddsNoLateWritesToTheOthersOnTimeOnes() {
		List<Long> writes = fleetWrites(true);

		assertThat(writes).hasSizeGreaterThan(250);
		assertThat(Windows.maxInAnyWindow(writes, SECOND)).isLessThanOrEqualTo(81);
	}

	@Test
	void withoutFreshPermitsTheStarvedInstancesLateWritesWouldBreakTheBound() {
		assertThat(Windows.maxInAnyWindow(fleetWrites(false), SECOND)).isGreaterThan(81 + ReleasePacer.STALE_INTERVALS);
	}

	/**
	 * Two instances, 8 callers each, writing 20 requests per caller under one shared limiter at 80/s; instance A runs
	 * nothing from 1 s to 1.4 s (its permit timers fire when the stall ends).
	 */
	private List<Long> fleetWrites(boolean freshPermits) {
		long start = this.clock.getAsLong();
		long stallStart = start + SECOND;
		long stallEnd = stallStart + 400 * 1_000_000L;
		List<Long> writes = new CopyOnWriteArrayList<>();
		for (int instance = 0; instance < 2; instance++) {
			boolean starved = instance == 0;
			ReleasePacer pacer = new ReleasePacer(this.shared, this.clock, true);
			for (int caller = 0; caller < 8; caller++) {
				Flux.range(0, 20).concatMap((call) -> {
					Mono<Long> permit = pacer.takePermit(this.shared);
					Mono<Long> firing = starved ? permit.flatMap((slot) -> heldBack(slot, stallStart, stallEnd))
							: permit;
					return firing.flatMap((slot) -> freshPermits ? pacer.awaitRelease(slot, permit)
							: pacer.awaitRelease())
						.doOnSuccess((ignored) -> writes.add(this.clock.getAsLong()));
				}).subscribe();
			}
		}
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		return writes;
	}

	/** The slot, emitted when it fires: at once, or when the stall ends if it is due in it. */
	private Mono<Long> heldBack(long slot, long stallStart, long stallEnd) {
		long now = this.clock.getAsLong();
		if (now >= stallStart && now < stallEnd) {
			return Mono.delay(Duration.ofNanos(stallEnd - now)).thenReturn(slot);
		}
		return Mono.just(slot);
	}

	private boolean released(Mono<Void> release) {
		boolean[] done = { false };
		release.subscribe(null, null, () -> done[0] = true);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		return done[0];
	}

}
