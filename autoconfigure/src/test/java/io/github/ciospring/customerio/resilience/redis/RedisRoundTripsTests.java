package io.github.ciospring.customerio.resilience.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The round trips of a shared limiter, on a store that answers as each test says: answers, refusals, failures, and
 * when failures in a row are an outage. The local clock is moved by hand.
 */
class RedisRoundTripsTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final RedisPermitStore store = mock(RedisPermitStore.class);

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final List<Throwable> outages = new ArrayList<>();

	private final RedisRoundTrips trips = new RedisRoundTrips(this.store, Duration.ofMillis(50), this.clock::get,
			this.outages::add);

	@Test
	void anAnswerIsTheWaitInNanoseconds() {
		given(this.store.reserve(12_500, 2, 30_000, 1)).willReturn(Mono.just(1_500L));
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));

		assertThat(this.trips.reserve(12_500, 2, 30_000, 1)).isEqualTo(1_500_000L);
		assertThat(this.trips.epoch()).as("learnt after the first answer").isEqualTo("epoch-1");
		assertThat(this.trips.sameState("epoch-1")).isTrue();
		assertThat(this.trips.sameState("epoch-2")).isFalse();
	}

	@Test
	void aRefusalIsMinusOne() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willReturn(Mono.just(-1L));
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));

		assertThat(this.trips.reserve(1, 1, 1, 1)).isEqualTo(-1);
	}

	@Test
	void theEpochIsAskedForOnceOnlyAndNotWhenWarmUpLearntIt() {
		given(this.store.warmUp()).willReturn(Mono.empty());
		given(this.store.epoch(anyString())).willReturn(Mono.just("warm"));
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willReturn(Mono.just(0L));

		this.trips.warmUp().block();
		assertThat(this.trips.epoch()).isEqualTo("warm");
		this.trips.reserve(1, 1, 1, 1);
		this.trips.reserve(1, 1, 1, 1);

		then(this.store).should().epoch(anyString());
	}

	@Test
	void aFailedWarmUpIsLeftToTheFirstPermit() {
		given(this.store.warmUp()).willReturn(Mono.error(new IllegalStateException("down")));
		given(this.store.epoch(anyString())).willReturn(Mono.just("never"));

		this.trips.warmUp().block();

		assertThat(this.trips.epoch()).isNull();
	}

	@Test
	void anEpochThatCannotBeLearntIsLeftUnknown() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willReturn(Mono.just(0L));
		given(this.store.epoch(anyString())).willReturn(Mono.error(new IllegalStateException("down")));

		assertThat(this.trips.reserve(1, 1, 1, 1)).isZero();
		assertThat(this.trips.epoch()).isNull();
		assertThat(this.trips.sameState("any")).isFalse();
	}

	@Test
	void failuresInARowForASecondAreAnOutage() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.error(new IllegalStateException("down")));

		assertThat(this.trips.reserve(1, 1, 1, 1)).isEqualTo(RedisRoundTrips.NO_ANSWER);
		this.clock.addAndGet(SECOND - 1);
		assertThat(this.trips.reserve(1, 1, 1, 1)).isEqualTo(RedisRoundTrips.NO_ANSWER);
		assertThat(this.outages).as("a second has not passed").isEmpty();
		this.clock.addAndGet(1);
		this.trips.reserve(1, 1, 1, 1);

		assertThat(this.outages).singleElement().isInstanceOf(IllegalStateException.class);
	}

	@Test
	void oneFailureAfterASecondIsNotAnOutage() {
		// the round trip is sent, then takes two seconds on the local clock to fail
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.delay(Duration.ofMillis(5)).then(Mono.fromSupplier(() -> {
				this.clock.addAndGet(2 * SECOND);
				throw new IllegalStateException("slow");
			})));

		assertThat(this.trips.reserve(1, 1, 1, 1)).isEqualTo(RedisRoundTrips.NO_ANSWER);

		assertThat(this.outages).isEmpty();
	}

	@Test
	void anAnswerStartsTheCountOver() {
		Sinks.One<Long> never = Sinks.one();
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.error(new IllegalStateException("down")), Mono.just(0L),
					Mono.error(new IllegalStateException("down")), never.asMono());

		this.trips.reserve(1, 1, 1, 1);
		this.clock.addAndGet(2 * SECOND);
		assertThat(this.trips.reserve(1, 1, 1, 1)).isZero();
		this.trips.reserve(1, 1, 1, 1);
		this.clock.addAndGet(2 * SECOND);
		assertThat(this.trips.reserve(1, 1, 1, 1)).as("times out after 50 ms").isEqualTo(RedisRoundTrips.NO_ANSWER);

		assertThat(this.outages).singleElement().isInstanceOf(java.util.concurrent.TimeoutException.class);
	}

	@Test
	void anEmptyAnswerIsAFailure() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willReturn(Mono.empty());

		assertThat(this.trips.reserve(1, 1, 1, 1)).isEqualTo(RedisRoundTrips.NO_ANSWER);
		this.clock.addAndGet(SECOND);
		this.trips.reserve(1, 1, 1, 1);

		assertThat(this.outages).singleElement()
			.isInstanceOf(IllegalStateException.class)
			.extracting(Throwable::getMessage)
			.isEqualTo("no answer from the permit script");
		then(this.store).should(never()).epoch(anyString());
	}

	@Test
	void comingBackStartsTheCountOverWithTheEpochSeen() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.error(new IllegalStateException("down")));
		this.trips.reserve(1, 1, 1, 1);
		this.clock.addAndGet(2 * SECOND);

		this.trips.cameBack("epoch-2");
		this.trips.reserve(1, 1, 1, 1);

		assertThat(this.outages).isEmpty();
		assertThat(this.trips.epoch()).isEqualTo("epoch-2");
	}

	@Test
	void anInterruptedCallerIsRefusedAndKeepsItsInterrupt() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willReturn(Sinks.<Long>one().asMono());

		Thread.currentThread().interrupt();
		try {
			assertThat(this.trips.reserve(1, 1, 1, 1)).isEqualTo(-1);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		this.clock.addAndGet(2 * SECOND);
		assertThat(this.outages).isEmpty();
	}

	@Test
	void theFirstRoundTripMayTakeLongerThanTheTimeout() {
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.just(0L).delayElement(Duration.ofMillis(300)));

		assertThat(this.trips.reserve(1, 1, 1, 1)).as("the first: up to FIRST_TRIP_TIMEOUT").isZero();
		assertThat(this.trips.reserve(1, 1, 1, 1)).as("later ones: the timeout").isEqualTo(RedisRoundTrips.NO_ANSWER);
	}

	@Test
	void aFailedPauseCountsAsAFailedRoundTrip() {
		given(this.store.pause(2_000)).willReturn(Mono.error(new IllegalStateException("down")));

		this.trips.pause(2_000, this.clock.get());
		this.clock.addAndGet(SECOND);
		this.trips.pause(2_000, this.clock.get());

		assertThat(this.outages).singleElement().isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aPauseThatAnswersIsNoFailure() {
		given(this.store.pause(2_000)).willReturn(Mono.just(2_000L));

		this.trips.pause(2_000, this.clock.get());
		this.clock.addAndGet(SECOND);
		this.trips.pause(2_000, this.clock.get());

		assertThat(this.outages).isEmpty();
	}

	@Test
	void theCurrentEpochOffersANewOneEachTime() {
		given(this.store.epoch(anyString())).willAnswer((invocation) -> Mono.just(invocation.getArgument(0)));

		String first = this.trips.currentEpoch().block();
		String second = this.trips.currentEpoch().block();

		assertThat(first).isNotBlank().isNotEqualTo(second);
	}

	@Test
	void theCurrentEpochFailsAfterTheTimeout() {
		given(this.store.epoch(anyString())).willReturn(Sinks.<String>one().asMono());

		assertThat(this.trips.currentEpoch().map((epoch) -> "answered").onErrorReturn("timed out").block())
			.isEqualTo("timed out");
	}

	@Test
	void theCurrentEpochMayBeWaitedForLongerThanARoundTrip() {
		// answers 200 ms late, as once the client has reconnected to a Redis that came back
		given(this.store.epoch(anyString())).willAnswer((invocation) -> Mono.delay(Duration.ofMillis(200))
			.thenReturn("back"));

		assertThat(this.trips.currentEpoch().onErrorReturn("timed out").block()).isEqualTo("timed out");
		assertThat(this.trips.currentEpoch(Duration.ofSeconds(2)).block()).isEqualTo("back");
	}

	@Test
	void theCurrentEpochIsNeverWaitedForLessThanARoundTrip() {
		given(this.store.epoch(anyString())).willAnswer((invocation) -> Mono.delay(Duration.ofMillis(10))
			.thenReturn("answered"));

		assertThat(this.trips.currentEpoch(Duration.ofMillis(1)).onErrorReturn("timed out").block())
			.isEqualTo("answered");
	}

	@Test
	void spendingNothingAsksNothing() {
		assertThat(this.trips.spend(12_500, 0).block()).isZero();

		then(this.store).should(never()).spend(anyLong(), anyInt());
	}

	@Test
	void spendingAsksRedisAndFailsAfterTheTimeout() {
		given(this.store.spend(12_500, 3)).willReturn(Mono.just(37_500L));
		assertThat(this.trips.spend(12_500, 3).block()).isEqualTo(37_500L);

		given(this.store.spend(12_500, 4)).willReturn(Sinks.<Long>one().asMono());
		assertThat(this.trips.spend(12_500, 4).map((ahead) -> "answered").onErrorReturn("timed out").block())
			.isEqualTo("timed out");
	}

	@Test
	void anAnswerStartsTheOutageClockOver() {
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.error(new IllegalStateException("down")), Mono.just(0L),
					Mono.error(new IllegalStateException("down")));

		this.trips.reserve(1, 1, 1, 1);
		this.clock.addAndGet(2 * SECOND);
		this.trips.reserve(1, 1, 1, 1);
		this.trips.reserve(1, 1, 1, 1);
		this.clock.addAndGet(1);
		this.trips.reserve(1, 1, 1, 1);

		assertThat(this.outages).as("two failures 1 ns apart, not a second").isEmpty();
	}

	@Test
	void comingBackStartsTheOutageClockOver() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.error(new IllegalStateException("down")));
		this.trips.reserve(1, 1, 1, 1);
		this.clock.addAndGet(2 * SECOND);

		this.trips.cameBack("epoch-2");
		this.trips.reserve(1, 1, 1, 1);
		this.clock.addAndGet(1);
		this.trips.reserve(1, 1, 1, 1);

		assertThat(this.outages).as("two failures 1 ns apart, not a second").isEmpty();
	}

	@Test
	void comingBackStartsTheFailureCountOver() {
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt()))
			.willReturn(Mono.error(new IllegalStateException("down")),
					Mono.delay(Duration.ofMillis(5)).then(Mono.fromSupplier(() -> {
						this.clock.addAndGet(2 * SECOND);
						throw new IllegalStateException("slow");
					})));
		this.trips.reserve(1, 1, 1, 1);

		this.trips.cameBack("epoch-2");
		this.trips.reserve(1, 1, 1, 1);

		assertThat(this.outages).as("one failure since coming back, however long it took").isEmpty();
	}

	@Test
	void aRoundTripGivenUpOnIsCancelled() {
		java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
		given(this.store.epoch(anyString())).willReturn(Mono.just("epoch-1"));
		given(this.store.reserve(anyLong(), anyInt(), anyLong(), anyInt())).willReturn(Mono.just(0L),
				Mono.<Long>never().doOnCancel(() -> cancelled.set(true)));
		this.trips.reserve(1, 1, 1, 1);

		assertThat(this.trips.reserve(1, 1, 1, 1)).isEqualTo(RedisRoundTrips.NO_ANSWER);

		assertThat(cancelled).isTrue();
	}

}
