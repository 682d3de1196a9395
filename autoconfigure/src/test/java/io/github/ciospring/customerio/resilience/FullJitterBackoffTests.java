package io.github.ciospring.customerio.resilience;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.resilience4j.core.functions.Either;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait before a retry: the {@code Retry-After} Customer.io sent (cut to the configured maximum), else a random
 * share of a ceiling that doubles from the initial backoff up to the maximum backoff.
 */
class FullJitterBackoffTests {

	private static final RetrySettings SETTINGS = new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30),
			Duration.ofSeconds(60), RetryOn.TRANSIENT_FAILURES);

	@Test
	void retryAfterWinsOverTheBackoff() {
		FullJitterBackoff backoff = new FullJitterBackoff(SETTINGS, () -> 0.9);

		assertThat(backoff.apply(3, failure(rateLimited(Duration.ofSeconds(7))))).isEqualTo(7_000L);
	}

	@Test
	void retryAfterIsCutToTheConfiguredMaximum() {
		FullJitterBackoff backoff = new FullJitterBackoff(SETTINGS, () -> 0.9);

		assertThat(backoff.apply(1, failure(rateLimited(Duration.ofSeconds(300))))).isEqualTo(60_000L);
	}

	@Test
	void theCeilingDoublesFromTheInitialBackoffUpToTheMaximum() {
		FullJitterBackoff backoff = new FullJitterBackoff(SETTINGS, () -> 0.5);

		List<Long> ceilings = IntStream.rangeClosed(1, 8).mapToObj(backoff::ceiling).toList();

		assertThat(ceilings).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
	}

	@Test
	void aVeryLateRetryStaysAtTheMaximum() {
		FullJitterBackoff backoff = new FullJitterBackoff(SETTINGS, () -> 0.5);

		assertThat(backoff.ceiling(1_000)).isEqualTo(30_000L);
	}

	@Test
	void theWaitIsTheRandomShareOfTheCeiling() {
		FullJitterBackoff backoff = new FullJitterBackoff(SETTINGS, () -> 0.25);

		assertThat(backoff.apply(3, failure(serverError()))).isEqualTo(500L);
	}

	@Test
	void aZeroDrawRetriesAtOnce() {
		FullJitterBackoff backoff = new FullJitterBackoff(SETTINGS, () -> 0.0);

		assertThat(backoff.apply(2, failure(serverError()))).isZero();
	}

	@Test
	void aTransportFailureUsesTheBackoff() {
		FullJitterBackoff backoff = new FullJitterBackoff(SETTINGS, () -> 0.5);

		assertThat(backoff.apply(1, failure(new CustomerIoTransportException("track", "identify", 1, false, null))))
			.isEqualTo(250L);
	}

	private static CustomerIoApiException rateLimited(Duration retryAfter) {
		return new CustomerIoApiException("track", "identify", 1, 429, List.of(), retryAfter);
	}

	private static CustomerIoApiException serverError() {
		return new CustomerIoApiException("track", "identify", 1, 503, List.of(), null);
	}

	private static Either<Throwable, Object> failure(Throwable failure) {
		return Either.left(failure);
	}

}
