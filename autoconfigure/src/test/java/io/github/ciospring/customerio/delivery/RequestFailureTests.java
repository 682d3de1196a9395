package io.github.ciospring.customerio.delivery;

import java.io.IOException;
import java.time.Duration;

import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoException;
import io.github.ciospring.customerio.CustomerIoRateLimitTimeoutException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.CustomerIoValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed batch requests are sent again: exactly what the client retries, plus a missing permit.
 */
class RequestFailureTests {

	@ParameterizedTest
	@ValueSource(ints = { 408, 429, 500, 503 })
	void statusesTheClientRetriesAreTransient(int status) {
		assertThat(RequestFailure.of(api(status))).isEqualTo(RequestFailure.TRANSIENT);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 413 })
	void otherRefusalsArePermanent(int status) {
		assertThat(RequestFailure.of(api(status))).isEqualTo(RequestFailure.PERMANENT);
	}

	@Test
	void noAnswerIsTransient() {
		assertThat(RequestFailure.of(new CustomerIoTransportException("track", "batch", 3, true, new IOException())))
			.isEqualTo(RequestFailure.TRANSIENT);
	}

	@Test
	void noPermitInTimeIsTransient() {
		assertThat(RequestFailure.of(new CustomerIoRateLimitTimeoutException("track", "batch", 1,
				Duration.ofSeconds(1), null)))
			.isEqualTo(RequestFailure.TRANSIENT);
	}

	@Test
	void aSuccessWhoseAnswerCouldNotBeReadWasAccepted() {
		assertThat(RequestFailure.of(new CustomerIoException("track", "batch", 1, "unreadable", new IOException())))
			.isEqualTo(RequestFailure.ACCEPTED);
	}

	@Test
	void anInvalidBodyOrAnUnexpectedErrorIsPermanent() {
		assertThat(RequestFailure.of(new CustomerIoValidationException("batch", "less", "more")))
			.isEqualTo(RequestFailure.PERMANENT);
		assertThat(RequestFailure.of(new IllegalStateException("bug"))).isEqualTo(RequestFailure.PERMANENT);
	}

	private static CustomerIoApiException api(int status) {
		return new CustomerIoApiException("track", "batch", 1, status, java.util.List.of("refused"), null);
	}

}
