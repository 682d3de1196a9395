package io.github.ciospring.customerio.test;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the sandbox of a test annotated with {@link AutoConfigureCustomerIoSandbox} before each test method, so
 * what one test sent or injected does not leak into the next. Does nothing for other tests, and never loads a
 * context that is not loaded yet.
 */
public class CustomerIoSandboxTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// after dependency injection (2000), before transactional listeners and the test's own @BeforeEach
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		AutoConfigureCustomerIoSandbox annotation = TestContextAnnotationUtils
			.findMergedAnnotation(testContext.getTestClass(), AutoConfigureCustomerIoSandbox.class);
		if (annotation == null || !annotation.resetBeforeEachTest() || !testContext.hasApplicationContext()) {
			return;
		}
		testContext.getApplicationContext()
			.getBeanProvider(CustomerIoSandbox.class)
			.ifAvailable(CustomerIoSandbox::reset);
	}

}
