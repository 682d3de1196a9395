package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.track.RegionInfo;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class ActiveCheckTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void probesWithinTheTtlShareOneCall() {
		ActiveCheck<RegionInfo> check = check(Mono.fromSupplier(this::usAnswer));

		check.result().block();
		this.clock.advance(Duration.ofMinutes(4));
		check.result().block();
		check.result().block();

		assertThat(this.calls).hasValue(1);
	}

	@Test
	void aProbeAfterTheTtlCallsAgain() {
		ActiveCheck<RegionInfo> check = check(Mono.fromSupplier(this::usAnswer));

		check.result().block();
		this.clock.advance(Duration.ofMinutes(5));
		ActiveCheck.Result<RegionInfo> second = check.result().block();

		assertThat(this.calls).hasValue(2);
		assertThat(second.checkedAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void failuresAreCachedForTheTtlToo() {
		ActiveCheck<RegionInfo> check = check(Mono.defer(() -> {
			this.calls.incrementAndGet();
			return Mono.error(new CustomerIoApiException("track", "region", 1, 401, java.util.List.of(), null));
		}));

		ActiveCheck.Result<RegionInfo> first = check.result().block();
		check.result().block();

		assertThat(this.calls).hasValue(1);
		assertThat(first.error()).contains("HTTP 401");
	}

	@Test
	void concurrentProbesShareTheCallInFlight() {
		Sinks.One<RegionInfo> answer = Sinks.one();
		ActiveCheck<RegionInfo> check = check(Mono.defer(() -> {
			this.calls.incrementAndGet();
			return answer.asMono();
		}));

		Mono<ActiveCheck.Result<RegionInfo>> first = check.result();
		Mono<ActiveCheck.Result<RegionInfo>> second = check.result();
		first.subscribe();
		second.subscribe();
		answer.tryEmitValue(new RegionInfo("https://track.customer.io", "us", 1L));

		assertThat(first.block().value().region()).isEqualTo("us");
		assertThat(second.block().value().region()).isEqualTo("us");
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void aCallSlowerThanTheTimeoutFails() {
		ActiveCheck<RegionInfo> check = new ActiveCheck<>(Mono::never, Duration.ofMinutes(5), Duration.ofMillis(10), this.clock);

		assertThat(check.result().block().error()).isEqualTo("TimeoutException");
	}

	private RegionInfo usAnswer() {
		this.calls.incrementAndGet();
		return new RegionInfo("https://track.customer.io", "us", 1L);
	}

	private ActiveCheck<RegionInfo> check(Mono<RegionInfo> region) {
		return new ActiveCheck<>(() -> region, Duration.ofMinutes(5), Duration.ofSeconds(5), this.clock);
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
