package io.github.ciospring.customerio.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.CustomerIoDeliveryUncertainException;
import io.github.ciospring.customerio.CustomerIoTransportException;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.resilience.RetryOn;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.badRequest;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@WireMockTest
class AppClientSendRetryTests {

	private static final String QUEUED = "{\"delivery_id\":\"d1\",\"queued_at\":1594838400}";

	private static final TransactionalSms SMS = TransactionalSms.template(9)
		.identifiers(PersonIdentifier.id("42"))
		.to("+15559876543")
		.build();

	@Test
	void rateLimitedSendIsRetried(WireMockRuntimeInfo wm) {
		failOnceThenSucceed("/v1/send/sms", status(429));

		TransactionalResponse response = AppClientFixture.client(wm.getHttpBaseUrl()).sendSms(SMS).block();

		assertThat(response.deliveryId()).isEqualTo("d1");
		verify(2, postRequestedFor(urlEqualTo("/v1/send/sms")));
	}

	@Test
	void serverErrorAfterWriteIsNotRetriedAndReportedAsUncertain(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/sms").willReturn(serverError()));

		CustomerIoDeliveryUncertainException failure = catchThrowableOfType(CustomerIoDeliveryUncertainException.class,
				() -> AppClientFixture.client(wm.getHttpBaseUrl()).sendSms(SMS).block());

		verify(1, postRequestedFor(urlEqualTo("/v1/send/sms")));
		assertThat(failure.getAttempts()).isEqualTo(1);
		assertThat(failure.getApi()).isEqualTo("transactional");
		assertThat(failure.getOperation()).isEqualTo("send_sms");
		assertThat(failure).hasMessageContaining("may or may not have been sent");
		assertThat(failure.getCause()).isInstanceOfSatisfying(CustomerIoApiException.class,
				(api) -> assertThat(api.getStatusCode()).isEqualTo(500));
	}

	@Test
	void responseTimeoutAfterWriteIsNotRetriedAndReportedAsUncertain(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/sms").willReturn(okJson(QUEUED).withFixedDelay(2000)));
		AppClient client = AppClientFixture.at(wm.getHttpBaseUrl()).responseTimeout(Duration.ofMillis(300)).build();

		CustomerIoDeliveryUncertainException failure = catchThrowableOfType(CustomerIoDeliveryUncertainException.class,
				() -> client.sendSms(SMS).block());

		verify(1, postRequestedFor(urlEqualTo("/v1/send/sms")));
		assertThat(failure.getCause()).isInstanceOfSatisfying(CustomerIoTransportException.class,
				(transport) -> assertThat(transport.isRequestSent()).isTrue());
	}

	@Test
	void serverErrorIsRetriedWhenTransientFailuresAreConfigured(WireMockRuntimeInfo wm) {
		failOnceThenSucceed("/v1/send/sms", serverError());
		AppClient client = AppClientFixture.at(wm.getHttpBaseUrl())
			.transactionalRetryOn(RetryOn.TRANSIENT_FAILURES)
			.build();

		TransactionalResponse response = client.sendSms(SMS).block();

		assertThat(response.deliveryId()).isEqualTo("d1");
		verify(2, postRequestedFor(urlEqualTo("/v1/send/sms")));
	}

	@Test
	void sendThatFailsAfterRepeatedWrittenAttemptsIsUncertain(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/sms").willReturn(serviceUnavailable()));
		AppClient client = AppClientFixture.at(wm.getHttpBaseUrl())
			.transactionalRetryOn(RetryOn.TRANSIENT_FAILURES)
			.build();

		CustomerIoDeliveryUncertainException failure = catchThrowableOfType(CustomerIoDeliveryUncertainException.class,
				() -> client.sendSms(SMS).block());

		verify(3, postRequestedFor(urlEqualTo("/v1/send/sms")));
		assertThat(failure.getAttempts()).isEqualTo(3);
	}

	@Test
	void refusedConnectionIsRetriedAndReportedAsNotSent() throws IOException {
		AppClient client = AppClientFixture.client("http://127.0.0.1:" + closedPort());

		CustomerIoTransportException failure = catchThrowableOfType(CustomerIoTransportException.class,
				() -> client.sendSms(SMS).block());

		assertThat(failure.isRequestSent()).isFalse();
		assertThat(failure.getAttempts()).isEqualTo(3);
	}

	@Test
	void rejectedSendIsNotRetriedAndSaysWhy(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/send/sms")
			.willReturn(badRequest().withHeader("Content-Type", "application/json")
				.withBody("{\"meta\":{\"error\":\"transactional message 9 not found\"}}")));

		CustomerIoApiException failure = catchThrowableOfType(CustomerIoApiException.class,
				() -> AppClientFixture.client(wm.getHttpBaseUrl()).sendSms(SMS).block());

		verify(1, postRequestedFor(urlEqualTo("/v1/send/sms")));
		assertThat(failure).isNotInstanceOf(CustomerIoDeliveryUncertainException.class);
		assertThat(failure.getStatusCode()).isEqualTo(400);
		assertThat(failure.getErrors()).containsExactly("transactional message 9 not found");
	}

	@Test
	void broadcastTriggerServerErrorIsNotRetriedAndReportedAsUncertain(WireMockRuntimeInfo wm) {
		stubFor(post("/v1/campaigns/7/triggers").willReturn(aResponse().withStatus(502)));

		CustomerIoDeliveryUncertainException failure = catchThrowableOfType(CustomerIoDeliveryUncertainException.class,
				() -> AppClientFixture.client(wm.getHttpBaseUrl()).triggerBroadcast(BroadcastTrigger.of(7)).block());

		verify(1, postRequestedFor(urlEqualTo("/v1/campaigns/7/triggers")));
		assertThat(failure.getApi()).isEqualTo("broadcasts");
	}

	@Test
	void lookupIsRetriedOnServerErrors(WireMockRuntimeInfo wm) {
		stubFor(get("/v1/exports").inScenario("lookup")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(serviceUnavailable())
			.willSetStateTo("recovered"));
		stubFor(get("/v1/exports").inScenario("lookup")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"exports\":[]}")));

		assertThat(AppClientFixture.client(wm.getHttpBaseUrl()).listExports().block()).isEmpty();
		verify(2, getRequestedFor(urlEqualTo("/v1/exports")));
	}

	private static void failOnceThenSucceed(String path,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
		stubFor(post(path).inScenario("send")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("recovered"));
		stubFor(post(path).inScenario("send").whenScenarioStateIs("recovered").willReturn(okJson(QUEUED)));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
