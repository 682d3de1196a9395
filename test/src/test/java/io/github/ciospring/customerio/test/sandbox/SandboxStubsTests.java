package io.github.ciospring.customerio.test.sandbox;

import java.net.http.HttpResponse;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.ciospring.customerio.test.testcontainers.CustomerIoWireMockContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stubs a {@link CustomerIoWireMockContainer} serves, loaded into an in-process WireMock: the embedded twin of
 * {@code CustomerIoWireMockContainerTests}, which runs where Docker does not.
 */
class SandboxStubsTests {

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private SandboxHttp http;

	@BeforeEach
	void start() {
		this.wireMock.start();
		for (String json : SandboxStubs.mappings(SandboxWorkspace.DEFAULT).values()) {
			this.wireMock.addStubMapping(StubMapping.buildFrom(json));
		}
		this.http = new SandboxHttp(this.wireMock.baseUrl(), SandboxWorkspace.DEFAULT);
	}

	@AfterEach
	void stop() {
		this.wireMock.stop();
	}

	@Test
	void everyEndpointAnswersTheWorkspacesCredentials() {
		assertThat(this.http.send("POST", "/api/v1/customers/a%2Fb/events", this.http.trackAuth(), "{}").statusCode())
			.isEqualTo(200);
		assertThat(this.http.send("POST", "/v1/batch", this.http.pipelinesAuth(), "{}").statusCode()).isEqualTo(200);
		HttpResponse<String> send = this.http.send("POST", "/v1/send/email", this.http.appAuth(), "{}");
		assertThat(send.statusCode()).isEqualTo(200);
		assertThat(send.body()).contains("\"delivery_id\":\"sbx-stub\"");
		this.wireMock.verify(postRequestedFor(urlPathEqualTo("/api/v1/customers/a%2Fb/events")));
	}

	@Test
	void otherCredentialsGet401() {
		assertThat(this.http.send("PUT", "/api/v1/customers/1", this.http.appAuth(), "{}").statusCode())
			.isEqualTo(401);
		assertThat(this.http.send("POST", "/v1/send/email", null, "{}").statusCode()).isEqualTo(401);
	}

	@Test
	void otherPathsGet404() {
		assertThat(this.http.send("GET", "/api/v3/nothing", this.http.trackAuth(), null).statusCode())
			.isEqualTo(404);
	}

	@Test
	void everyEndpointHasAStubAndAnUnauthorizedTwin() {
		Map<String, String> mappings = SandboxStubs.mappings(SandboxWorkspace.DEFAULT);
		assertThat(mappings).hasSize(2 * SandboxEndpoint.values().length + 1)
			.containsKeys("track-batch", "track-batch-unauthorized", "app-broadcast", "pipelines-identify", "unmatched");
	}

}
