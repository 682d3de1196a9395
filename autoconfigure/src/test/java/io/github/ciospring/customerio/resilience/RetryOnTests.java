package io.github.ciospring.customerio.resilience;

import java.util.List;
import java.util.concurrent.TimeoutException;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are retried.
 */
class RetryOnTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
	void transientFailuresIncludeTimeoutsRateLimitsAndServerErrors(int status) {
		assertThat(RetryOn.TRANSIENT_FAILURES.test(status(status))).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 301, 400, 401, 403, 404, 409, 413, 422 })
	void transientFailuresNeverIncludeOtherClientErrors(int status) {
		assertThat(RetryOn.TRANSIENT_FAILURES.test(status(status))).isFalse();
	}

	@Test
	void transientFailuresIncludeEveryTransportFailureAndTimeout() {
		assertThat(RetryOn.TRANSIENT_FAILURES.test(transport(true))).isTrue();
		assertThat(RetryOn.TRANSIENT_FAILURES.test(transport(false))).isTrue();
		assertThat(RetryOn.TRANSIENT_FAILURES.test(new TimeoutException())).isTrue();
	}

	@Test
	void noPolicyRetriesARefusedPermitOrABadRequest() {
		RequestNotPermitted notPermitted = RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("x"));
		CustomerIoValidationException invalid = new CustomerIoValidationException("name", "100 bytes", "is 101 bytes");
		for (RetryOn policy : RetryOn.values()) {
			assertThat(policy.test(notPermitted)).as(policy.name()).isFalse();
			assertThat(policy.test(invalid)).as(policy.name()).isFalse();
		}
	}

	@Test
	void surelyUndeliveredRetriesOnlyRateLimitsAndConnectionsNeverMade() {
		assertThat(RetryOn.SURELY_UNDELIVERED.test(status(429))).isTrue();
		assertThat(RetryOn.SURELY_UNDELIVERED.test(transport(false))).isTrue();
		assertThat(RetryOn.SURELY_UNDELIVERED.test(status(503))).isFalse();
		assertThat(RetryOn.SURELY_UNDELIVERED.test(status(408))).isFalse();
		assertThat(RetryOn.SURELY_UNDELIVERED.test(transport(true))).isFalse();
	}

	@Test
	void neverRetriesNothing() {
		assertThat(RetryOn.NEVER.test(status(429))).isFalse();
		assertThat(RetryOn.NEVER.test(transport(false))).isFalse();
	}

	private static CustomerIoApiException status(int status) {
		return new CustomerIoApiException("track", "identify", 1, status, List.of(), null);
	}

	private static CustomerIoTransportException transport(boolean requestSent) {
		return new CustomerIoTransportException("track", "identify", 1, requestSent, null);
	}

}
