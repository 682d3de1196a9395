package io.github.ciospring.customerio.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.ciospring.customerio.CustomerIoException;
import io.github.ciospring.customerio.track.RegionInfo;
import reactor.core.publisher.Mono;

/**
 * Asks Customer.io where the Track credentials' account lives, at most once per time-to-live: every caller within
 * it shares the same answer (or the same call in flight), failures included.
 */
final class RegionCheck {

	private final Supplier<Mono<RegionInfo>> region;

	private final Duration ttl;

	private final Duration timeout;

	private final Clock clock;

	private Mono<Result> cached;

	private Instant expiresAt = Instant.MIN;

	RegionCheck(Supplier<Mono<RegionInfo>> region, Duration ttl, Duration timeout, Clock clock) {
		this.region = region;
		this.ttl = ttl;
		this.timeout = timeout;
		this.clock = clock;
	}

	synchronized Mono<Result> result() {
		Instant now = this.clock.instant();
		if (this.cached == null || !now.isBefore(this.expiresAt)) {
			this.cached = Mono.defer(this.region)
				.timeout(this.timeout)
				.map((info) -> new Result(info.region(), null, now))
				.switchIfEmpty(Mono.fromSupplier(() -> new Result(null, "empty answer", now)))
				.onErrorResume((failure) -> Mono.just(new Result(null, describe(failure), now)))
				.cache();
			this.expiresAt = now.plus(this.ttl);
		}
		return this.cached;
	}

	/** A failure, described without anything secret: our own exceptions never carry credentials. */
	private static String describe(Throwable failure) {
		if (failure instanceof CustomerIoException) {
			return failure.getMessage();
		}
		return failure.getClass().getSimpleName();
	}

	/**
	 * @param region the region Customer.io reported, or {@code null} when the check failed
	 * @param error why the check failed, or {@code null}
	 * @param checkedAt when the check was made
	 */
	record Result(String region, String error, Instant checkedAt) {

	}

}
