package io.github.ciospring.customerio.test.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowLimiterTests {

	private static final long MS = 1_000_000L;

	private final AtomicLong clock = new AtomicLong(1_000_000 * MS);

	private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(
			Map.of(LimitGroup.TRACK, SlidingWindow.perSecond(3), LimitGroup.BROADCAST,
					SlidingWindow.of(1, Duration.ofSeconds(10))),
			this.clock::get);

	@Test
	void admitsUpToTheLimitWithinOneWindow() {
		assertThat(acquire("ws", LimitGroup.TRACK)).isTrue();
		this.clock.addAndGet(100 * MS);
		assertThat(acquire("ws", LimitGroup.TRACK)).isTrue();
		this.clock.addAndGet(100 * MS);
		assertThat(acquire("ws", LimitGroup.TRACK)).isTrue();
	}

	@Test
	void rejectsTheRequestOverTheLimitUntilTheOldestLeavesTheWindow() {
		long start = this.clock.get();
		acquire("ws", LimitGroup.TRACK);
		this.clock.addAndGet(300 * MS);
		acquire("ws", LimitGroup.TRACK);
		acquire("ws", LimitGroup.TRACK);
		this.clock.set(start + 999_999_999L);
		assertThat(acquire("ws", LimitGroup.TRACK)).isFalse();
		this.clock.set(start + 1_000 * MS);
		assertThat(acquire("ws", LimitGroup.TRACK)).isTrue();
	}

	@Test
	void aWindowIsTimedFromTheExactArrivalOfTheAdmissionItStartsWith() {
		SlidingWindowLimiter onePerSecond = new SlidingWindowLimiter(
				Map.of(LimitGroup.TRACK, SlidingWindow.perSecond(1)), this.clock::get);
		long start = this.clock.get();
		onePerSecond.tryAcquire("ws", LimitGroup.TRACK);
		this.clock.set(start + 1_000 * MS);
		assertThat(onePerSecond.tryAcquire("ws", LimitGroup.TRACK).admitted()).isTrue();
		this.clock.set(start + 2_000 * MS - 1);
		assertThat(onePerSecond.tryAcquire("ws", LimitGroup.TRACK).admitted()).isFalse();
		this.clock.set(start + 2_000 * MS);
		assertThat(onePerSecond.tryAcquire("ws", LimitGroup.TRACK).admitted()).isTrue();
	}

	@Test
	void rejectedRequestsDoNotCountAgainstTheWindow() {
		long start = this.clock.get();
		for (int i = 0; i < 3; i++) {
			acquire("ws", LimitGroup.TRACK);
		}
		this.clock.addAndGet(500 * MS);
		for (int i = 0; i < 10; i++) {
			assertThat(acquire("ws", LimitGroup.TRACK)).isFalse();
		}
		this.clock.set(start + 1_000 * MS);
		assertThat(acquire("ws", LimitGroup.TRACK)).isTrue();
	}

	@Test
	void retryAfterIsTheTimeUntilTheOldestAdmissionLeavesTheWindow() {
		acquire("ws", LimitGroup.BROADCAST);
		this.clock.addAndGet(2_500 * MS);
		SlidingWindowLimiter.Decision decision = this.limiter.tryAcquire("ws", LimitGroup.BROADCAST);
		assertThat(decision.admitted()).isFalse();
		assertThat(decision.retryAfterNanos()).isEqualTo(7_500 * MS);
		assertThat(decision.retryAfterSeconds()).isEqualTo(8);
	}

	@Test
	void retryAfterSecondsIsAtLeastOne() {
		for (int i = 0; i < 3; i++) {
			acquire("ws", LimitGroup.TRACK);
		}
		this.clock.addAndGet(999 * MS);
		assertThat(this.limiter.tryAcquire("ws", LimitGroup.TRACK).retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void neverAdmitsMoreThanTheLimitInAnyWindowOverALongRun() {
		List<Long> admitted = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			this.clock.addAndGet(7 * MS + (i % 13) * MS / 10);
			if (acquire("ws", LimitGroup.TRACK)) {
				admitted.add(this.clock.get());
			}
		}
		long[] times = admitted.stream().mapToLong(Long::longValue).toArray();
		assertThat(new RequestTimes(times, false).maxInWindow(Duration.ofSeconds(1))).isEqualTo(3);
	}

	@Test
	void workspacesHaveTheirOwnWindows() {
		for (int i = 0; i < 3; i++) {
			acquire("a", LimitGroup.TRACK);
		}
		assertThat(acquire("a", LimitGroup.TRACK)).isFalse();
		assertThat(acquire("b", LimitGroup.TRACK)).isTrue();
	}

	@Test
	void groupsHaveTheirOwnWindows() {
		for (int i = 0; i < 3; i++) {
			acquire("ws", LimitGroup.TRACK);
		}
		assertThat(acquire("ws", LimitGroup.BROADCAST)).isTrue();
	}

	@Test
	void aGroupWithoutALimitIsNeverRejected() {
		for (int i = 0; i < 1000; i++) {
			assertThat(acquire("ws", LimitGroup.PIPELINES)).isTrue();
		}
	}

	@Test
	void concurrentCallersAtOneInstantGetExactlyTheLimit() throws Exception {
		SlidingWindowLimiter wide = new SlidingWindowLimiter(Map.of(LimitGroup.TRACK, SlidingWindow.perSecond(100)),
				this.clock::get);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch go = new CountDownLatch(1);
			AtomicInteger admitted = new AtomicInteger();
			List<Future<?>> callers = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				callers.add(pool.submit(() -> {
					go.await();
					for (int i = 0; i < 1000; i++) {
						if (wide.tryAcquire("ws", LimitGroup.TRACK).admitted()) {
							admitted.incrementAndGet();
						}
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> caller : callers) {
				caller.get(30, TimeUnit.SECONDS);
			}
			assertThat(admitted.get()).isEqualTo(100);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private boolean acquire(String workspace, LimitGroup group) {
		return this.limiter.tryAcquire(workspace, group).admitted();
	}

}
