package io.github.ciospring.sample.embedded;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class EmbeddedSandboxInitializerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(new EmbeddedSandboxInitializer());

	@Test
	void withoutCredentialsTheSandboxRunsAndTheClientsPointAtIt() {
		this.contextRunner.run((context) -> {
			CustomerIoSandbox sandbox = context.getBean(CustomerIoSandbox.class);
			assertThat(sandbox.isRunning()).isTrue();
			assertThat(context.getEnvironment().getProperty("customerio.track.base-url")).isEqualTo(sandbox.baseUrl());
			assertThat(context.getEnvironment().getProperty("customerio.app.base-url")).isEqualTo(sandbox.baseUrl());
			assertThat(context.getEnvironment().getProperty("customerio.pipelines.base-url"))
				.isEqualTo(sandbox.baseUrl());
			assertThat(context.getEnvironment().getProperty("customerio.track.site-id"))
				.isEqualTo(sandbox.workspace().siteId());
			assertThat(context.getEnvironment().getProperty("customerio.app.api-key"))
				.isEqualTo(sandbox.workspace().appApiKey());
		});
	}

	@Test
	void theSandboxListensOnLoopbackAtARandomPort() {
		this.contextRunner.run((context) -> assertThat(context.getBean(CustomerIoSandbox.class).baseUrl())
			.matches("http://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0"));
	}

	@Test
	void oneLogLineSaysWhereTheSandboxListensAndItsLimits(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(output)
			.contains("No Customer.io credentials configured: using the embedded Customer.io sandbox at "
					+ context.getBean(CustomerIoSandbox.class).baseUrl() + " (limits: Track 100/s, App 10/s"));
	}

	@Test
	void theSandboxStopsWhenTheContextCloses() {
		AtomicReference<CustomerIoSandbox> sandbox = new AtomicReference<>();

		this.contextRunner.run((context) -> sandbox.set(context.getBean(CustomerIoSandbox.class)));

		assertThat(sandbox.get().isRunning()).isFalse();
	}

	@Test
	void credentialsFromTheEnvironmentSwitchTheSandboxOff() {
		new ApplicationContextRunner()
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("environment",
						Map.of("CUSTOMERIO_TRACK_SITE_ID", "real-site", "CUSTOMERIO_TRACK_API_KEY", "real-key"))))
			.withInitializer(new EmbeddedSandboxInitializer())
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoSandbox.class));
	}

	@Test
	void credentialsInPropertiesSwitchTheSandboxOffWithALogLineSayingWhy(CapturedOutput output) {
		this.contextRunner.withPropertyValues("customerio.track.api-key=real-key").run((context) -> {
			assertThat(context).doesNotHaveBean(CustomerIoSandbox.class);
			assertThat(context.getEnvironment().getProperty("customerio.track.base-url")).isNull();
		});
		assertThat(output).contains("customerio.track.api-key is set: the sample app talks to Customer.io");
	}

	@Test
	void enabledTrueOverridesConfiguredCredentials() {
		this.contextRunner.withPropertyValues("customerio.track.api-key=real-key", "sample.sandbox.enabled=true")
			.run((context) -> assertThat(context.getEnvironment().getProperty("customerio.track.api-key"))
				.isEqualTo(context.getBean(CustomerIoSandbox.class).workspace().trackApiKey()));
	}

	@Test
	void enabledFalseSwitchesTheSandboxOff() {
		this.contextRunner.withPropertyValues("sample.sandbox.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoSandbox.class));
	}

}
