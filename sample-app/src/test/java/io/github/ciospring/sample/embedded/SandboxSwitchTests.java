package io.github.ciospring.sample.embedded;

import io.github.ciospring.sample.embedded.SandboxSwitch.Decision;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxSwitchTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void withoutCredentialsTheSandboxIsUsed() {
		assertThat(decide(null)).isEqualTo(new Decision(true, "No Customer.io credentials configured"));
	}

	@Test
	void anyCredentialPropertySwitchesTheSandboxOff() {
		for (String property : SandboxSwitch.CREDENTIAL_PROPERTIES) {
			MockEnvironment withCredential = new MockEnvironment().withProperty(property, "x");
			assertThat(SandboxSwitch.decide(withCredential, new EmbeddedSandboxProperties(null, 0)))
				.as(property)
				.isEqualTo(new Decision(false, property + " is set"));
		}
	}

	@Test
	void enabledTrueUsesTheSandboxEvenWithCredentials() {
		this.environment.setProperty("customerio.track.site-id", "real-site");

		assertThat(decide(true).useSandbox()).isTrue();
	}

	@Test
	void enabledFalseNeverUsesTheSandbox() {
		assertThat(decide(false)).isEqualTo(new Decision(false, "sample.sandbox.enabled is false"));
	}

	@Test
	void customerioDisabledLeavesTheSandboxOff() {
		this.environment.setProperty("customerio.enabled", "false");

		assertThat(decide(null).useSandbox()).isFalse();
	}

	private Decision decide(Boolean enabled) {
		return SandboxSwitch.decide(this.environment, new EmbeddedSandboxProperties(enabled, 0));
	}

}
