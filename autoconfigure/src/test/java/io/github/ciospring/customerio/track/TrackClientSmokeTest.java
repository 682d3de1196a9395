package io.github.ciospring.customerio.track;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.resilience.RetryOn;
import io.github.ciospring.customerio.support.TestClients;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

@WireMockTest
class TrackClientSmokeTest {

	@Test
	void identifySendsEncodedIdAndAttributes(WireMockRuntimeInfo wm) {
		stubFor(put(urlPathMatching("/api/v1/customers/.*")).willReturn(ok()));
		TestClients clients = new TestClients();
		TrackClient client = new TrackClient(
				clients.http(wm.getHttpBaseUrl(), Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY)),
				clients.resilience("track", 1000, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES)));
		client.identify(Identify.person("a/b@x.com").email("a@x.com").attribute("plan", "pro").build()).block();
		verify(putRequestedFor(urlEqualTo("/api/v1/customers/a%2Fb%40x.com"))
			.withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(TestClients.SITE_ID, TestClients.API_KEY))
			.withRequestBody(equalToJson("{\"email\":\"a@x.com\",\"plan\":\"pro\"}")));
	}

	@Test
	void eventRetriedOn503KeepsItsId(WireMockRuntimeInfo wm) {
		stubFor(post(urlPathMatching("/api/v1/customers/42/events")).inScenario("s")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(serviceUnavailable()).willSetStateTo("ok"));
		stubFor(post(urlPathMatching("/api/v1/customers/42/events")).inScenario("s").whenScenarioStateIs("ok")
			.willReturn(ok()));
		TestClients clients = new TestClients();
		TrackClient client = new TrackClient(
				clients.http(wm.getHttpBaseUrl(), Authentication.basic(TestClients.SITE_ID, TestClients.API_KEY)),
				clients.resilience("track", 1000, TestClients.quickRetries(3, RetryOn.TRANSIENT_FAILURES)));
		Event event = Event.of("42", "purchased", Map.of("total", 10));
		client.track(event).block();
		verify(2, postRequestedFor(urlEqualTo("/api/v1/customers/42/events"))
			.withRequestBody(matchingJsonPath("$.id", equalTo(event.id()))));
	}

}
