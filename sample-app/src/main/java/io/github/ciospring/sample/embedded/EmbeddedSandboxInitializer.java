package io.github.ciospring.sample.embedded;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.ciospring.customerio.test.sandbox.CustomerIoSandbox;
import io.github.ciospring.customerio.test.sandbox.LimitGroup;
import io.github.ciospring.customerio.test.sandbox.SandboxConfig;
import io.github.ciospring.customerio.test.sandbox.SandboxWorkspace;
import io.github.ciospring.customerio.test.sandbox.SlidingWindow;
import io.github.ciospring.sample.embedded.SandboxSwitch.Decision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded Customer.io sandbox before any bean is created, when {@link SandboxSwitch} says so, and
 * points the Track, App and Pipelines clients at it through a property source of highest precedence
 * ({@value #PROPERTY_SOURCE_NAME}). The sandbox is registered as the bean {@value #BEAN_NAME} (so the app can show
 * what it saw) and stopped after every other bean was destroyed, so the delivery queue's drain still reaches it.
 */
public class EmbeddedSandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	/** The name of the sandbox's bean. */
	public static final String BEAN_NAME = "customerIoSandbox";

	/** The name of the property source that points the clients at the sandbox. */
	public static final String PROPERTY_SOURCE_NAME = "customerIoSandbox";

	private static final Log logger = LogFactory.getLog(EmbeddedSandboxInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return; // a parent or earlier initializer did it already
		}
		EmbeddedSandboxProperties properties = Binder.get(environment)
			.bindOrCreate("sample.sandbox", EmbeddedSandboxProperties.class);
		Decision decision = SandboxSwitch.decide(environment, properties);
		if (!decision.useSandbox()) {
			logger.info(decision.reason() + ": the sample app talks to Customer.io (sample.sandbox.enabled=true "
					+ "runs it against the embedded sandbox instead)");
			return;
		}
		SandboxConfig config = SandboxConfig.builder().port(properties.port()).build();
		CustomerIoSandbox sandbox = CustomerIoSandbox.start(config);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, clientProperties(sandbox)));
		register(context, sandbox);
		logger.info(decision.reason() + ": using the embedded Customer.io sandbox at " + sandbox.baseUrl()
				+ " (limits: " + describeLimits(config) + "). Set CUSTOMERIO_TRACK_SITE_ID and CUSTOMERIO_TRACK_API_KEY "
				+ "(and CUSTOMERIO_APP_API_KEY) to use Customer.io.");
	}

	static Map<String, Object> clientProperties(CustomerIoSandbox sandbox) {
		SandboxWorkspace workspace = sandbox.workspace();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("customerio.track.base-url", sandbox.baseUrl());
		properties.put("customerio.track.site-id", workspace.siteId());
		properties.put("customerio.track.api-key", workspace.trackApiKey());
		properties.put("customerio.app.base-url", sandbox.baseUrl());
		properties.put("customerio.app.api-key", workspace.appApiKey());
		properties.put("customerio.pipelines.base-url", sandbox.baseUrl());
		properties.put("customerio.pipelines.api-key", workspace.pipelinesApiKey());
		return properties;
	}

	private static void register(ConfigurableApplicationContext context, CustomerIoSandbox sandbox) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, sandbox);
		if (beanFactory instanceof DefaultListableBeanFactory registry) {
			// registered before every other bean, so destroyed after all of them
			registry.registerDisposableBean(BEAN_NAME, sandbox::close);
		}
		else {
			context.addApplicationListener((ContextClosedEvent event) -> sandbox.close());
		}
	}

	static String describeLimits(SandboxConfig config) {
		return config.limits()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> label(entry.getKey()) + " " + describe(entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	private static String label(LimitGroup group) {
		return switch (group) {
			case TRACK -> "Track";
			case APP -> "App";
			case TRANSACTIONAL -> "transactional";
			case BROADCAST -> "broadcasts";
			case PIPELINES -> "Pipelines";
		};
	}

	private static String describe(SlidingWindow window) {
		Duration length = window.window();
		if (length.equals(Duration.ofSeconds(1))) {
			return window.limit() + "/s";
		}
		String unit = (length.toMillis() % 1000 == 0) ? length.toSeconds() + " s" : length.toMillis() + " ms";
		return window.limit() + " per " + unit;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
