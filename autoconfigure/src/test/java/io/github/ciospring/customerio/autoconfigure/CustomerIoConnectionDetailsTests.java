package io.github.ciospring.customerio.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.pipelines.IdentifyMessage;
import io.github.ciospring.customerio.pipelines.PipelinesClient;
import io.github.ciospring.customerio.track.Identify;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the clients connect: the properties by default, a {@link CustomerIoConnectionDetails} bean when one is
 * present.
 */
@WireMockTest
class CustomerIoConnectionDetailsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class, CustomerIoAppAutoConfiguration.class,
				CustomerIoPipelinesAutoConfiguration.class));

	@Test
	void thePropertiesDescribeTheConnectionsByDefault() {
		this.runner
			.withPropertyValues("customerio.region=eu", "customerio.track.site-id=site", "customerio.track.api-key=tk",
					"customerio.app.api-key=ak", "customerio.app.base-url=http://proxy:8080",
					"customerio.pipelines.api-key=pk")
			.run((context) -> {
				CustomerIoConnectionDetails details = context.getBean(CustomerIoConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesCustomerIoConnectionDetails.class);
				assertThat(details.getTrack())
					.isEqualTo(new CustomerIoConnectionDetails.Track("https://track-eu.customer.io", "site", "tk"));
				assertThat(details.getApp()).isEqualTo(new CustomerIoConnectionDetails.App("http://proxy:8080", "ak"));
				assertThat(details.getPipelines())
					.isEqualTo(new CustomerIoConnectionDetails.Pipelines("https://cdp-eu.customer.io", "pk"));
			});
	}

	@Test
	void aConnectionDetailsBeanReplacesThePropertiesForEveryClient(WireMockRuntimeInfo wireMock) {
		stubFor(put(urlPathEqualTo("/api/v1/customers/1")).willReturn(okJson("{}")));
		stubFor(post(urlPathEqualTo("/v1/identify")).willReturn(okJson("{}")));
		stubFor(get(urlEqualTo("/v1/customers?email=a%40example.com")).willReturn(okJson("{\"results\":[]}")));
		String url = wireMock.getHttpBaseUrl();
		CustomerIoConnectionDetails details = new FixedConnectionDetails(
				new CustomerIoConnectionDetails.Track(url, "bean-site", "bean-track-key"),
				new CustomerIoConnectionDetails.App(url, "bean-app-key"),
				new CustomerIoConnectionDetails.Pipelines(url, "bean-pipelines-key"));
		this.runner.withBean(CustomerIoConnectionDetails.class, () -> details)
			.withPropertyValues("customerio.track.site-id=ignored", "customerio.track.api-key=ignored",
					"customerio.app.api-key=ignored", "customerio.pipelines.api-key=ignored")
			.run((context) -> {
				assertThat(context).getBean(CustomerIoConnectionDetails.class).isSameAs(details);
				context.getBean(TrackClient.class).identify(Identify.person("1").build()).block();
				context.getBean(AppClient.class).customersByEmail("a@example.com").block();
				context.getBean(PipelinesClient.class).identify(IdentifyMessage.builder().userId("1").build()).block();
			});
		verify(putRequestedFor(urlPathEqualTo("/api/v1/customers/1")).withHeader("Authorization",
				equalTo(basic("bean-site:bean-track-key"))));
		verify(getRequestedFor(urlPathEqualTo("/v1/customers")).withHeader("Authorization",
				equalTo("Bearer bean-app-key")));
		verify(postRequestedFor(urlPathEqualTo("/v1/identify")).withHeader("Authorization",
				equalTo(basic("bean-pipelines-key:"))));
	}

	@Test
	void missingCredentialsFromABeanStillFailNamingTheProperty() {
		CustomerIoConnectionDetails details = new FixedConnectionDetails(
				new CustomerIoConnectionDetails.Track("http://localhost:1", null, null), null, null);
		this.runner.withBean(CustomerIoConnectionDetails.class, () -> details)
			.withPropertyValues("customerio.track.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("customerio.track.site-id and customerio.track.api-key must be set"));
	}

	@Test
	void toStringNeverShowsAKey() {
		assertThat(new CustomerIoConnectionDetails.Track("u", "site", "secret-1")).hasToString(
				"Track[baseUrl=u, siteId=site, apiKey=******]");
		assertThat(new CustomerIoConnectionDetails.App("u", "secret-2").toString()).doesNotContain("secret-2")
			.contains("******");
		assertThat(new CustomerIoConnectionDetails.Pipelines("u", "secret-3").toString()).doesNotContain("secret-3")
			.contains("******");
		assertThat(new CustomerIoConnectionDetails.App("u", null).toString()).contains("apiKey=null");
	}

	private static String basic(String userAndPassword) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString(userAndPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private record FixedConnectionDetails(Track getTrack, App getApp,
			Pipelines getPipelines) implements CustomerIoConnectionDetails {

	}

}
