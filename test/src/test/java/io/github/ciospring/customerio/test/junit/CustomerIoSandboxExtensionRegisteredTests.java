package io.github.ciospring.customerio.test.junit;

import java.time.Duration;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.LimitGroup;
import io.github.ciospring.customerio.test.sandbox.SandboxConfig;
import io.github.ciospring.customerio.test.sandbox.SandboxWorkspace;
import io.github.ciospring.customerio.test.sandbox.SlidingWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension registered with a configuration of the test's own.
 */
class CustomerIoSandboxExtensionRegisteredTests {

	private static final SandboxWorkspace WORKSPACE = new SandboxWorkspace("mine", "my-site", "my-track-key",
			"my-app-key", "my-pipelines-key");

	@RegisterExtension
	static final CustomerIoSandboxExtension customerIo = new CustomerIoSandboxExtension(SandboxConfig.builder()
		.workspaces(WORKSPACE)
		.limit(LimitGroup.TRACK, SlidingWindow.of(5, Duration.ofSeconds(2)))
		.build());

	@Test
	void theSandboxHasTheGivenConfiguration(CustomerIoSandbox sandbox) {
		assertThat(sandbox.workspace()).isEqualTo(WORKSPACE);
		assertThat(sandbox.config().limits()).containsEntry(LimitGroup.TRACK, SlidingWindow.of(5, Duration.ofSeconds(2)));
	}

}
