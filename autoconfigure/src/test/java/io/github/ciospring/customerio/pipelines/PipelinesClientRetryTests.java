package io.github.ciospring.customerio.pipelines;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.ciospring.customerio.CustomerIoApiException;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries of Pipelines calls: transient failures are retried with the same bytes, so the same {@code messageId};
 * client errors are not.
 */
@WireMockTest
class PipelinesClientRetryTests {

	private final TestClients clients = new TestClients();

	private PipelinesClient client;

	@BeforeEach
	void setUp(WireMockRuntimeInfo wm) {
		this.client = new PipelinesClient(
				this.clients.http(wm.getHttpBaseUrl(), Authentication.basic(TestClients.API_KEY, "")),
				this.clients.resilience("pipelines", 1000, TestClients.quickRetries(4, RetryOn.TRANSIENT_FAILURES)));
	}

	@Test
	void callRetriedAfter503SendsTheSameMessageIdAndBytes() {
		failOnceThenSucceed("/v1/track", serviceUnavailable());
		TrackMessage message = TrackMessage.builder("Order Completed").userId("42").build();
		this.client.track(message).block();
		List<LoggedRequest> attempts = findAll(postRequestedFor(urlEqualTo("/v1/track")));
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(1).getBody()).isEqualTo(attempts.get(0).getBody());
		assertThat(attempts).allSatisfy((attempt) -> assertThat(attempt.getBodyAsString())
			.contains("\"messageId\":\"" + message.messageId() + "\""));
	}

	@Test
	void batchRetriedAfter503SendsTheSameBody() {
		failOnceThenSucceed("/v1/batch", serviceUnavailable());
		this.client.batch(List.of(TrackMessage.builder("A").userId("1").build(),
				TrackMessage.builder("B").anonymousId("2").build())).block();
		List<LoggedRequest> attempts = findAll(postRequestedFor(urlEqualTo("/v1/batch")));
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(1).getBody()).isEqualTo(attempts.get(0).getBody());
	}

	@Test
	void rateLimitedCallIsRetried() {
		failOnceThenSucceed("/v1/identify", aResponse().withStatus(429));
		this.client.identify(IdentifyMessage.builder().userId("42").build()).block();
		verify(2, postRequestedFor(urlEqualTo("/v1/identify")));
	}

	@Test
	void badRequestIsNotRetriedAndCarriesCustomerIosErrors() {
		stubFor(post(urlEqualTo("/v1/track"))
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
				.withBody("{\"meta\":{\"errors\":[\"event is required\"]}}")));
		StepVerifier.create(this.client.track(TrackMessage.builder("Order Completed").userId("42").build()))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(CustomerIoApiException.class);
				CustomerIoApiException api = (CustomerIoApiException) error;
				assertThat(api.getStatusCode()).isEqualTo(400);
				assertThat(api.getErrors()).containsExactly("event is required");
				assertThat(api.getAttempts()).isEqualTo(1);
				assertThat(api.getApi()).isEqualTo("pipelines");
			})
			.verify();
		verify(1, postRequestedFor(urlEqualTo("/v1/track")));
	}

	@Test
	void rejectedCredentialsAreNotRetriedAndNotShown() {
		stubFor(post(urlEqualTo("/v1/identify")).willReturn(unauthorized()));
		StepVerifier.create(this.client.identify(IdentifyMessage.builder().userId("42").build()))
			.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("credentials rejected")
				.hasMessageNotContaining(TestClients.API_KEY))
			.verify();
		verify(1, postRequestedFor(urlEqualTo("/v1/identify")));
	}

	private static void failOnceThenSucceed(String path,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
		stubFor(post(urlEqualTo(path)).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("recovered"));
		stubFor(post(urlEqualTo(path)).inScenario("retry").whenScenarioStateIs("recovered").willReturn(okJson("{}")));
	}

}
