package io.github.ciospring.customerio.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * When the listener resets the sandbox: before each method of an annotated test, unless told not to.
 */
class CustomerIoSandboxTestExecutionListenerTests {

	private final CustomerIoSandboxTestExecutionListener listener = new CustomerIoSandboxTestExecutionListener();

	private CustomerIoSandbox sandbox;

	private GenericApplicationContext context;

	@BeforeEach
	void start() throws Exception {
		this.sandbox = CustomerIoSandbox.start();
		this.context = new GenericApplicationContext();
		this.context.getBeanFactory().registerSingleton("customerIoSandbox", this.sandbox);
		this.context.refresh();
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/api/v1/customers/1"))
				.PUT(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.discarding());
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.sandbox.close();
	}

	private TestContext testContext(Class<?> testClass, boolean loaded) {
		TestContext testContext = mock(TestContext.class);
		given(testContext.getTestClass()).willAnswer((invocation) -> testClass);
		given(testContext.hasApplicationContext()).willReturn(loaded);
		given(testContext.getApplicationContext()).willReturn(this.context);
		return testContext;
	}

	/** Whether the request sent in {@link #start()} is still counted (a reset forgets it). */
	private boolean stateLeft() {
		return this.sandbox.requestCount(SandboxApi.TRACK) == 1;
	}

	@Test
	void resetsTheSandboxOfAnAnnotatedTest() {
		this.listener.beforeTestMethod(testContext(Annotated.class, true));

		assertThat(stateLeft()).isFalse();
	}

	@Test
	void leavesTheSandboxWhenTheTestAsksToKeepIt() {
		this.listener.beforeTestMethod(testContext(KeepsState.class, true));

		assertThat(stateLeft()).isTrue();
	}

	@Test
	void leavesOtherTestsAlone() {
		this.listener.beforeTestMethod(testContext(CustomerIoSandboxTestExecutionListenerTests.class, true));

		assertThat(stateLeft()).isTrue();
	}

	@Test
	void neverLoadsAContext() {
		TestContext notLoaded = testContext(Annotated.class, false);

		this.listener.beforeTestMethod(notLoaded);

		verify(notLoaded, never()).getApplicationContext();
		assertThat(stateLeft()).isTrue();
	}

	@AutoConfigureCustomerIoSandbox
	static class Annotated {

	}

	@AutoConfigureCustomerIoSandbox(resetBeforeEachTest = false)
	static class KeepsState {

	}

}
