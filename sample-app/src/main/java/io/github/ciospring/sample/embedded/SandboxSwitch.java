package io.github.ciospring.sample.embedded;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Decides whether the sample app uses the embedded sandbox: when {@code sample.sandbox.enabled} says so, else
 * when no Customer.io credential property is set (from {@code application.yml}, environment variables such as
 * {@code CUSTOMERIO_TRACK_SITE_ID}, or the command line).
 */
final class SandboxSwitch {

	/** The properties whose presence means: talk to Customer.io. */
	static final List<String> CREDENTIAL_PROPERTIES = List.of("customerio.track.site-id", "customerio.track.api-key",
			"customerio.app.api-key", "customerio.pipelines.api-key");

	private SandboxSwitch() {
	}

	static Decision decide(Environment environment, EmbeddedSandboxProperties properties) {
		if (properties.enabled() != null) {
			return properties.enabled() ? new Decision(true, "sample.sandbox.enabled is true")
					: new Decision(false, "sample.sandbox.enabled is false");
		}
		if ("false".equalsIgnoreCase(environment.getProperty("customerio.enabled"))) {
			return new Decision(false, "customerio.enabled is false");
		}
		for (String property : CREDENTIAL_PROPERTIES) {
			if (environment.containsProperty(property)) {
				return new Decision(false, property + " is set");
			}
		}
		return new Decision(true, "No Customer.io credentials configured");
	}

	/**
	 * @param useSandbox whether to start the sandbox and point the clients at it
	 * @param reason why, for the log
	 */
	record Decision(boolean useSandbox, String reason) {

	}

}
