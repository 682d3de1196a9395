package io.github.ciospring.customerio.test;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.ciospring.customerio.autoconfigure.CustomerIoConnectionDetails;
import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.SandboxApi;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Before the context refreshes: starts a sandbox, registers it as the bean {@value #SANDBOX_BEAN} (stopped when
 * the context closes) with a {@link CustomerIoConnectionDetails} bean pointing at it, and switches the chosen
 * clients on through a property source of lowest precedence, so the test's own {@code enabled} settings win.
 * Equal for equal settings, so Spring's context cache can share the context and its sandbox.
 */
final class CustomerIoSandboxContextCustomizer implements ContextCustomizer {

	/** The name of the sandbox's bean. */
	static final String SANDBOX_BEAN = "customerIoSandbox";

	/** The name of the connection details' bean. */
	static final String CONNECTION_DETAILS_BEAN = "customerIoSandboxConnectionDetails";

	/** The name of the property source that switches the clients on. */
	static final String PROPERTY_SOURCE = "customerIoSandboxTestProperties";

	private final Set<SandboxApi> apis;

	CustomerIoSandboxContextCustomizer(SandboxApi[] apis) {
		this.apis = (apis.length > 0) ? EnumSet.of(apis[0], apis) : EnumSet.noneOf(SandboxApi.class);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		CustomerIoSandbox sandbox = CustomerIoSandbox.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(SANDBOX_BEAN, sandbox);
		if (beanFactory instanceof DefaultListableBeanFactory registry) {
			// registered before every other bean, so destroyed after them: a draining queue still reaches it
			registry.registerDisposableBean(SANDBOX_BEAN, sandbox::close);
		}
		else {
			context.addApplicationListener((ContextClosedEvent event) -> sandbox.close());
		}
		beanFactory.registerSingleton(CONNECTION_DETAILS_BEAN, CustomerIoSandboxConnectionDetails.of(sandbox));
		context.getEnvironment().getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties()));
	}

	private Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (SandboxApi api : this.apis) {
			properties.put("customerio." + api.name().toLowerCase(Locale.ROOT) + ".enabled", "true");
		}
		return properties;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CustomerIoSandboxContextCustomizer customizer && this.apis.equals(customizer.apis);
	}

	@Override
	public int hashCode() {
		return this.apis.hashCode();
	}

}
