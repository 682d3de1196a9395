package io.github.ciospring.customerio.http;

import java.io.IOException;
import java.net.ServerSocket;

import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TransportFailureTests {

	@Test
	void aRefusedConnectionKeepsNeitherTheRequestHeadersNorItsUri() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		TestClients clients = new TestClients();
		TrackClient client = new TrackClient(
				clients.http("http://127.0.0.1:" + closedPort,
						Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY)),
				clients.resilience("track", 1000, TestClients.quickRetries(1, RetryOn.TRANSIENT_FAILURES)));

		CustomerIoTransportException failure = catchThrowableOfType(CustomerIoTransportException.class,
				() -> client.identify(Identify.person("ada@example.com").build()).block());

		assertThat(failure.isRequestSent()).isFalse();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(cause).isNotInstanceOf(WebClientRequestException.class);
			assertThat(String.valueOf(cause.getMessage())).doesNotContain("ada").doesNotContain(TestClients.API_KEY);
		}
	}

}
