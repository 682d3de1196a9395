package io.github.ciospring.customerio.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test class annotated with {@link AutoConfigureCustomerIoSandbox} (directly, on a meta-annotation, a
 * superclass or an enclosing class) its {@link CustomerIoSandboxContextCustomizer}.
 */
class CustomerIoSandboxContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureCustomerIoSandbox annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureCustomerIoSandbox.class);
		return (annotation != null) ? new CustomerIoSandboxContextCustomizer(annotation.apis()) : null;
	}

}
