package io.github.ciospring.customerio.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

@WireMockTest
class CustomerIoActuatorAutoConfigurationTests {

	private static final String HEALTH = "customerioHealthIndicator";

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
		this.runner.run((context) -> assertThat(context.getBean(HEALTH)).isInstanceOf(CustomerIoHealthIndicator.class));
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
			.run((context) -> assertThat(context.getBean(HEALTH)).isNotInstanceOf(CustomerIoHealthIndicator.class));
	}

	@Test
	void healthMakesNoNetworkCallByDefault(WireMockRuntimeInfo wm) {
		stubFor(get("/api/v1/accounts/region").willReturn(okJson("{\"url\":\"x\",\"region\":\"us\"}")));
		this.runner.withPropertyValues("customerio.track.base-url=" + wm.getHttpBaseUrl()).run((context) -> {
			Health health = context.getBean(CustomerIoHealthIndicator.class).health().block();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("regionCheck");
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
				CustomerIoHealthIndicator indicator = context.getBean(CustomerIoHealthIndicator.class);
				for (int i = 0; i < 5; i++) {
					assertThat(indicator.health().block().getStatus()).isEqualTo(Status.UP);
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
			.run((context) -> assertThat(context.getBean(CustomerIoHealthIndicator.class).health().block().getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void healthSettingsBindWithDefaults() {
		this.runner.run((context) -> {
			CustomerIoHealthProperties properties = context.getBean(CustomerIoHealthProperties.class);
			assertThat(properties.queueFillThreshold()).isEqualTo(0.9);
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

}
