package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoException;
import reactor.core.publisher.Mono;

/**
 * One cheap authenticated call to a Customer.io API (Track: {@code GET /api/v1/accounts/region}; App:
 * {@code GET /v1/exports}), made at most once per time-to-live: every caller within it shares the same answer (or
 * the same call in flight), failures included, so health probes never eat the rate budget.
 *
 * @param <T> what the call answers
 */
public final class ActiveCheck<T> {

	private final Supplier<Mono<T>> call;

	private final Duration ttl;

	private final Duration timeout;

	private final Clock clock;

	private Mono<Result<T>> cached;

	private Instant expiresAt = Instant.MIN;

	/**
	 * @param call the call to make
	 * @param ttl how long an answer (or a failure) is shared
	 * @param timeout how long the call may take
	 * @param clock the clock the time-to-live is read on
	 */
	public ActiveCheck(Supplier<Mono<T>> call, Duration ttl, Duration timeout, Clock clock) {
		this.call = call;
		this.ttl = ttl;
		this.timeout = timeout;
		this.clock = clock;
	}

	synchronized Mono<Result<T>> result() {
		Instant now = this.clock.instant();
		if (this.cached == null || !now.isBefore(this.expiresAt)) {
			this.cached = Mono.defer(this.call)
				.timeout(this.timeout)
				.map((value) -> new Result<>(value, null, 0, now))
				.switchIfEmpty(Mono.fromSupplier(() -> new Result<>(null, "empty answer", 0, now)))
				.onErrorResume((failure) -> Mono.just(new Result<>(null, describe(failure), statusOf(failure), now)))
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

	private static int statusOf(Throwable failure) {
		return (failure instanceof CustomerIoApiException api) ? api.getStatusCode() : 0;
	}

	/**
	 * @param value what the call answered, or {@code null} when it failed
	 * @param error why the call failed, or {@code null}
	 * @param status the HTTP status of a failed call Customer.io answered, 0 otherwise
	 * @param checkedAt when the call was made
	 * @param <T> what the call answers
	 */
	record Result<T>(T value, String error, int status, Instant checkedAt) {

		/** Whether Customer.io refused the credentials (401 or 403). */
		boolean credentialsRejected() {
			return this.status == 401 || this.status == 403;
		}

	}

}
