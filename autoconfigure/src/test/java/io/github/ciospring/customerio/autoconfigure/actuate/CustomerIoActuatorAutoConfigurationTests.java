package io.github.ciospring.customerio.autoconfigure.actuate;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAppAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoPipelinesAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.actuate.endpoint.CustomerIoEndpoint;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoApiHealthIndicator;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoHealthContributor;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoHealthProperties;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class CustomerIoActuatorAutoConfigurationTests {

	private static final String HEALTH = "customerioHealthContributor";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class, CustomerIoActuatorAutoConfiguration.class))
		.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key",
				"management.endpoints.web.exposure.include=customerio");

	@Test
	void contributesHealthTheEndpointAndMasking() {
		this.runner.run((context) -> assertThat(context).hasBean(HEALTH)
			.hasSingleBean(CustomerIoEndpoint.class)
			.hasBean("customerIoSanitizingFunction"));
	}

	@Test
	void theHealthContributorIsNamedCustomerio() {
		this.runner.run((context) -> assertThat(context.getBean(HEALTH)).isInstanceOf(CustomerIoHealthContributor.class));
	}

	@Test
	void healthSwitchesOffWithManagementHealthCustomerioEnabled() {
		this.runner.withPropertyValues("management.health.customerio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HEALTH).hasSingleBean(CustomerIoEndpoint.class));
	}

	@Test
	void healthSwitchesOffWithManagementHealthDefaultsEnabled() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HEALTH));
	}

	@Test
	void noHealthWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HEALTH)
				.hasSingleBean(CustomerIoEndpoint.class));
	}

	@Test
	void noEndpointOrMaskingWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class, SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CustomerIoEndpoint.class)
				.doesNotHaveBean("customerIoSanitizingFunction")
				.hasBean(HEALTH));
	}

	@Test
	void noEndpointUnlessExposed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
					CustomerIoActuatorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoEndpoint.class));
	}

	@Test
	void noEndpointWhenItsAccessIsNone() {
		this.runner.withPropertyValues("management.endpoint.customerio.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoEndpoint.class));
	}

	@Test
	void nothingWhenCustomerIoIsDisabled() {
		this.runner.withPropertyValues("customerio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HEALTH)
				.doesNotHaveBean(CustomerIoEndpoint.class)
				.doesNotHaveBean("customerIoSanitizingFunction"));
	}

	@Test
	void aUserHealthIndicatorReplacesOurs() {
		this.runner.withBean(HEALTH, ReactiveHealthIndicator.class, () -> () -> Mono.just(Health.up().build()))
			.run((context) -> assertThat(context.getBean(HEALTH)).isNotInstanceOf(CustomerIoHealthContributor.class));
		this.runner
			.withBean("customerioHealthIndicator", ReactiveHealthIndicator.class,
					() -> () -> Mono.just(Health.up().build()))
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoHealthContributor.class));
	}

	@Test
	void healthMakesNoNetworkCallByDefault(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/accounts/region").willReturn(okJson("{\"url\":\"x\",\"region\":\"us\"}")));
		this.runner.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl()).run((context) -> {
			Health health = health(context, "track");

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("activeCheck");
			verify(0, anyRequestedFor(anyUrl()));
		});
	}

	@Test
	void theActiveCheckAsksCustomerIoOncePerTtl(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/accounts/region").willReturn(okJson("{\"url\":\"x\",\"region\":\"us\"}")));
		this.runner
			.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl(),
					"customerio.health.active-check.enabled=true", "customerio.health.active-check.ttl=1h")
			.run((context) -> {
				for (int i = 0; i < 5; i++) {
					Health health = health(context, "track");
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails().get("activeCheck")).asInstanceOf(InstanceOfAssertFactories.MAP)
						.containsEntry("region", "us");
				}
				verify(1, getRequestedFor(urlEqualTo("/api/v1/accounts/region")));
			});
	}

	@Test
	void theActiveCheckIsDownWhenTheCredentialsAreRejected(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/accounts/region").willReturn(unauthorized()));
		this.runner
			.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl(),
					"customerio.health.active-check.enabled=true")
			.run((context) -> assertThat(health(context, "track").getStatus()).isEqualTo(Status.DOWN));
	}

	@Test
	void theActiveCheckIsDownWhenTheAccountLivesInAnotherRegion(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/accounts/region").willReturn(okJson("{\"url\":\"x\",\"region\":\"eu\"}")));
		this.runner
			.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl(),
					"customerio.health.active-check.enabled=true")
			.run((context) -> {
				Health health = health(context, "track");
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("activeCheck")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.hasEntrySatisfying("error", (error) -> assertThat(error.toString()).contains("'eu'")
						.contains("customerio.region"));
			});
	}

	@Test
	void anActiveCheckThatGetsNoAnswerIsADetailNotDown(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/accounts/region").willReturn(aResponse().withStatus(429)));
		this.runner
			.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl(),
					"customerio.health.active-check.enabled=true", "customerio.track.retry.max-attempts=1")
			.run((context) -> {
				Health health = health(context, "track");
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails().get("activeCheck")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("status", "UNKNOWN")
					.containsKey("error");
			});
	}

	@Test
	void theActiveCheckCoversTheAppApiWithAnAuthenticatedExportsListing(WireMockRuntimeInfo wm) {
		stubFor(get("/v1/exports").willReturn(unauthorized()));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
					CustomerIoAppAutoConfiguration.class, CustomerIoPipelinesAutoConfiguration.class,
					CustomerIoActuatorAutoConfiguration.class))
			.withPropertyValues("customerio.app.api-key=app-key", "customerio.app.base-url=" + wm.getHttpBaseUrl(),
					"customerio.app.retry.max-attempts=1", "customerio.pipelines.api-key=cdp-key",
					"customerio.pipelines.base-url=" + wm.getHttpBaseUrl(),
					"customerio.health.active-check.enabled=true")
			.run((context) -> {
				assertThat(health(context, "app").getStatus()).isEqualTo(Status.DOWN);
				verify(1, getRequestedFor(urlPathEqualTo("/v1/exports")).withHeader("Authorization",
						equalTo("Bearer app-key")));
				assertThat(health(context, "pipelines").getDetails()).doesNotContainKey("activeCheck");
			});
	}

	@Test
	void healthSettingsBindWithDefaults() {
		this.runner.run((context) -> {
			CustomerIoHealthProperties properties = context.getBean(CustomerIoHealthProperties.class);
			assertThat(properties.queueFillThreshold()).isEqualTo(0.9);
			assertThat(properties.queueBackpressureOutOfService()).isFalse();
			assertThat(properties.activeCheck().enabled()).isFalse();
			assertThat(properties.activeCheck().ttl()).hasMinutes(5);
			assertThat(properties.activeCheck().timeout()).hasSeconds(10);
		});
	}

	@Test
	void aQueueFillThresholdAboveOneFailsStartup() {
		this.runner.withPropertyValues("customerio.health.queue-fill-threshold=1.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("queue-fill-threshold"));
	}

	private static Health health(AssertableApplicationContext context, String member) {
		CustomerIoHealthContributor contributor = context.getBean(CustomerIoHealthContributor.class);
		assertThat(contributor.getContributor(member)).as(member).isInstanceOf(CustomerIoApiHealthIndicator.class);
		return ((CustomerIoApiHealthIndicator) contributor.getContributor(member)).health().block();
	}

}
