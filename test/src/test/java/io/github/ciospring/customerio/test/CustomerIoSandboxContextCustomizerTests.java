package io.github.ciospring.customerio.test;

import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAppAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoConnectionDetails;
import io.github.ciospring.customerio.autoconfigure.CustomerIoPipelinesAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import io.github.ciospring.customerio.pipelines.PipelinesClient;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxApi;
import io.github.ciospring.customerio.track.TrackClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the annotation's context customizer does to a context, and when two tests can share one.
 */
class CustomerIoSandboxContextCustomizerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class, CustomerIoAppAutoConfiguration.class,
				CustomerIoPipelinesAutoConfiguration.class));

	private static ContextCustomizer customizer(SandboxApi... apis) {
		return new CustomerIoSandboxContextCustomizer(apis);
	}

	@Test
	void onlyTheChosenApisAreSwitchedOn() {
		this.runner.withInitializer((context) -> customizer(SandboxApi.TRACK).customizeContext(context, null))
			.run((context) -> {
				assertThat(context).hasSingleBean(TrackClient.class);
				assertThat(context).doesNotHaveBean(AppClient.class);
				assertThat(context).doesNotHaveBean(PipelinesClient.class);
			});
	}

	@Test
	void theTestsOwnEnabledSettingWins() {
		this.runner.withPropertyValues("customerio.app.enabled=false")
			.withInitializer((context) -> customizer(SandboxApi.values()).customizeContext(context, null))
			.run((context) -> {
				assertThat(context).hasSingleBean(TrackClient.class);
				assertThat(context).doesNotHaveBean(AppClient.class);
				assertThat(context).hasSingleBean(PipelinesClient.class);
			});
	}

	@Test
	void theConnectionDetailsPointAtTheSandboxWithItsWorkspacesCredentials() {
		this.runner.withInitializer((context) -> customizer(SandboxApi.values()).customizeContext(context, null))
			.run((context) -> {
				CustomerIoSandbox sandbox = context.getBean(CustomerIoSandbox.class);
				CustomerIoConnectionDetails details = context.getBean(CustomerIoConnectionDetails.class);
				assertThat(details.getTrack()).isEqualTo(new CustomerIoConnectionDetails.Track(sandbox.baseUrl(),
						sandbox.workspace().siteId(), sandbox.workspace().trackApiKey()));
				assertThat(details.getApp())
					.isEqualTo(new CustomerIoConnectionDetails.App(sandbox.baseUrl(), sandbox.workspace().appApiKey()));
				assertThat(details.getPipelines()).isEqualTo(new CustomerIoConnectionDetails.Pipelines(
						sandbox.baseUrl(), sandbox.workspace().pipelinesApiKey()));
				assertThat(details.toString()).doesNotContain(sandbox.workspace().trackApiKey());
			});
	}

	@Test
	void theSandboxStopsWhenTheContextCloses() {
		CustomerIoSandbox[] started = new CustomerIoSandbox[1];
		this.runner.withInitializer((context) -> customizer(SandboxApi.TRACK).customizeContext(context, null))
			.run((context) -> {
				started[0] = context.getBean(CustomerIoSandbox.class);
				assertThat(started[0].isRunning()).isTrue();
			});
		assertThat(started[0].isRunning()).isFalse();
	}

	@Test
	void customizersForTheSameApisAreEqualSoTheContextCacheSharesTheirContext() {
		assertThat(customizer(SandboxApi.TRACK, SandboxApi.APP)).isEqualTo(customizer(SandboxApi.APP, SandboxApi.TRACK))
			.hasSameHashCodeAs(customizer(SandboxApi.APP, SandboxApi.TRACK));
		assertThat(customizer(SandboxApi.TRACK)).isNotEqualTo(customizer(SandboxApi.APP));
		assertThat(customizer()).isNotEqualTo(customizer(SandboxApi.TRACK)).isEqualTo(customizer());
	}

	@Test
	void theFactoryAnswersOnlyForAnnotatedTests() {
		CustomerIoSandboxContextCustomizerFactory factory = new CustomerIoSandboxContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(Annotated.class, java.util.List.of()))
			.isEqualTo(customizer(SandboxApi.PIPELINES));
		assertThat(factory.createContextCustomizer(Annotated.Inner.class, java.util.List.of()))
			.as("an enclosing class's annotation applies").isEqualTo(customizer(SandboxApi.PIPELINES));
		assertThat(factory.createContextCustomizer(CustomerIoSandboxContextCustomizerTests.class, java.util.List.of()))
			.isNull();
	}

	@AutoConfigureCustomerIoSandbox(apis = SandboxApi.PIPELINES)
	static class Annotated {

		@org.junit.jupiter.api.Nested
		class Inner {

		}

	}

}
