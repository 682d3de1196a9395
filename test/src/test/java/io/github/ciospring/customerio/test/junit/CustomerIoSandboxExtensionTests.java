package io.github.ciospring.customerio.test.junit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension, declared with {@code @ExtendWith}: one running sandbox per test class, injected as a parameter,
 * shared with nested classes, reset before each test.
 */
@ExtendWith(CustomerIoSandboxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerIoSandboxExtensionTests {

	private static final List<CustomerIoSandbox> seen = new ArrayList<>();

	@AfterAll
	static void everyTestSawTheSameRunningSandbox() {
		assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
		assertThat(seen).allSatisfy((sandbox) -> assertThat(sandbox).isSameAs(seen.get(0)));
	}

	@Test
	@Order(1)
	void injectsARunningSandbox(CustomerIoSandbox sandbox) throws Exception {
		seen.add(sandbox);
		assertThat(sandbox.isRunning()).isTrue();
		send(sandbox);
		assertThat(sandbox.requestCount(SandboxApi.TRACK)).isEqualTo(1);
	}

	@Test
	@Order(2)
	void resetsItBeforeEachTest(CustomerIoSandbox sandbox) {
		seen.add(sandbox);
		assertThat(sandbox.requestCount(SandboxApi.TRACK)).as("the first test's request").isZero();
	}

	@Nested
	class Inner {

		@Test
		void nestedTestsShareTheOuterSandbox(CustomerIoSandbox sandbox) {
			seen.add(sandbox);
			assertThat(sandbox.isRunning()).isTrue();
		}

	}

	static void send(CustomerIoSandbox sandbox) throws Exception {
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v1/customers/1"))
				.PUT(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.discarding());
	}

}
