package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;
import java.util.Properties;

import io.github.ciospring.customerio.http.ConnectionSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The connector factory's refusals and choices that need no network.
 */
class CustomerIoConnectorFactoryTests {

	private static final ConnectionSettings SETTINGS = new ConnectionSettings("https://track.customer.io", null,
			Duration.ofSeconds(5), Duration.ofSeconds(30));

	private static final CustomerIoHttpProperties.Proxy NO_PROXY = new CustomerIoHttpProperties.Proxy(null, null,
			null, null, null);

	@Test
	void buildsWithTheBuilderItIsGiven() {
		assertThat(factory(ClientHttpConnectorBuilder.jdk(), new SslProperties(null), NO_PROXY, new Properties())
			.create("track", SETTINGS, null)).isInstanceOf(JdkClientHttpConnector.class);
		assertThat(factory(ClientHttpConnectorBuilder.reactor(), new SslProperties(null), NO_PROXY, new Properties())
			.create("track", SETTINGS, null)).isInstanceOf(ReactorClientHttpConnector.class);
	}

	@Test
	void aProxyNeedsTheReactorConnector() {
		CustomerIoConnectorFactory factory = factory(ClientHttpConnectorBuilder.jdk(), new SslProperties(null),
				new CustomerIoHttpProperties.Proxy("egress.internal", 3128, null, null, null), new Properties());

		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> factory.create("track", SETTINGS, null))
			.withMessageContaining("customerio.http.proxy.host")
			.withMessageContaining("reactor");
	}

	@Test
	void aBundleWithoutAnySslBundlesNamesTheProperty() {
		CustomerIoConnectorFactory factory = factory(ClientHttpConnectorBuilder.reactor(), new SslProperties("corp"),
				NO_PROXY, new Properties());

		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> factory.create("track", SETTINGS, new SslProperties(" ")))
			.withMessageContaining("customerio.http.ssl.bundle");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> factory.create("app", SETTINGS, new SslProperties("app-ca")))
			.withMessageContaining("customerio.app.ssl.bundle");
	}

	@Test
	void aBadJvmProxyPortNamesTheProperty() {
		Properties jvm = new Properties();
		jvm.setProperty("https.proxyHost", "egress.internal");
		jvm.setProperty("https.proxyPort", "99999");
		CustomerIoConnectorFactory factory = factory(ClientHttpConnectorBuilder.reactor(), new SslProperties(null),
				NO_PROXY, jvm);

		assertThatIllegalStateException().isThrownBy(() -> factory.create("track", SETTINGS, null))
			.withMessageContaining("https.proxyPort");
	}

	@Test
	void anExplicitProxyWinsOverBadJvmProperties() {
		Properties jvm = new Properties();
		jvm.setProperty("https.proxyHost", "egress.internal");
		jvm.setProperty("https.proxyPort", "not-a-port");
		CustomerIoConnectorFactory factory = factory(ClientHttpConnectorBuilder.reactor(), new SslProperties(null),
				new CustomerIoHttpProperties.Proxy("other.internal", 3128, null, null, null), jvm);

		assertThat(factory.create("track", SETTINGS, null)).isInstanceOf(ReactorClientHttpConnector.class);
	}

	private static CustomerIoConnectorFactory factory(ClientHttpConnectorBuilder<?> builder, SslProperties ssl,
			CustomerIoHttpProperties.Proxy proxy, Properties jvm) {
		return new CustomerIoConnectorFactory(builder, HttpClientSettings.defaults(), () -> null,
				new CustomerIoHttpProperties(ssl, proxy), () -> jvm);
	}

}
