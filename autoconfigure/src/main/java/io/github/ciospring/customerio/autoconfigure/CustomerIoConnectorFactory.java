package io.github.ciospring.customerio.autoconfigure;

import java.util.Properties;
import java.util.function.Supplier;

import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.HttpProxy;
import io.github.ciospring.customerio.http.ReactorConnectors;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Builds each API's {@link ClientHttpConnector} the Spring Boot way: Boot's {@link ClientHttpConnectorBuilder}
 * (with its customizers and shared Reactor resources) and {@link HttpClientSettings} ({@code spring.http.clients.*}:
 * read timeout, redirects, SSL bundle), then ours on top: the API's connect timeout, redirects not followed unless
 * {@code spring.http.clients.redirects} says so, the SSL bundle of {@code customerio.<api>.ssl.bundle} or
 * {@code customerio.http.ssl.bundle}, and the proxy of {@code customerio.http.proxy.*} or, unset, of the JVM's
 * standard proxy properties.
 */
public class CustomerIoConnectorFactory {

	private final ClientHttpConnectorBuilder<?> builder;

	private final HttpClientSettings baseSettings;

	private final Supplier<SslBundles> sslBundles;

	private final CustomerIoHttpProperties properties;

	private final Supplier<Properties> systemProperties;

	/**
	 * @param builder Boot's connector builder
	 * @param baseSettings Boot's HTTP client settings
	 * @param sslBundles the application's SSL bundles; may supply {@code null} when there are none
	 * @param properties {@code customerio.http.*}
	 * @param systemProperties where the JVM's proxy properties are read, normally {@link System#getProperties()}
	 */
	public CustomerIoConnectorFactory(ClientHttpConnectorBuilder<?> builder, HttpClientSettings baseSettings,
			Supplier<SslBundles> sslBundles, CustomerIoHttpProperties properties,
			Supplier<Properties> systemProperties) {
		this.builder = builder;
		this.baseSettings = baseSettings;
		this.sslBundles = sslBundles;
		this.properties = properties;
		this.systemProperties = systemProperties;
	}

	/**
	 * @param api the API: {@code track}, {@code app} or {@code pipelines}
	 * @param settings where and how the API is reached
	 * @param apiSsl the API's own {@code customerio.<api>.ssl}, or {@code null}
	 * @return a new connector
	 */
	public ClientHttpConnector create(String api, ConnectionSettings settings, SslProperties apiSsl) {
		HttpClientSettings clientSettings = this.baseSettings.withConnectTimeout(settings.connectTimeout());
		if (clientSettings.redirects() == null) {
			clientSettings = clientSettings.withRedirects(HttpRedirects.DONT_FOLLOW);
		}
		SslBundle bundle = sslBundle(api, apiSsl);
		if (bundle != null) {
			clientSettings = clientSettings.withSslBundle(bundle);
		}
		return withProxy(proxy(settings)).build(clientSettings);
	}

	private ClientHttpConnectorBuilder<?> withProxy(HttpProxy proxy) {
		if (proxy == null) {
			return this.builder;
		}
		if (this.builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			return reactor.withHttpClientCustomizer((httpClient) -> ReactorConnectors.withProxy(httpClient, proxy));
		}
		throw new InvalidConfigurationPropertyValueException("customerio.http.proxy.host", proxy.host(),
				"A proxy for Customer.io needs the Reactor Netty connector, not "
						+ this.builder.getClass().getSimpleName() + "; set spring.http.clients.reactive.connector=reactor");
	}

	private HttpProxy proxy(ConnectionSettings settings) {
		HttpProxy explicit = this.properties.proxy().toHttpProxy();
		if (explicit != null) {
			return explicit;
		}
		try {
			return HttpProxy.fromSystemProperties(this.systemProperties.get(),
					ReactorConnectors.schemeOf(settings.baseUrl()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid JVM proxy property: " + ex.getMessage(), ex);
		}
	}

	private SslBundle sslBundle(String api, SslProperties apiSsl) {
		String property;
		String name;
		if (apiSsl != null && apiSsl.hasBundle()) {
			property = "customerio." + api + ".ssl.bundle";
			name = apiSsl.bundle();
		}
		else if (this.properties.ssl().hasBundle()) {
			property = "customerio.http.ssl.bundle";
			name = this.properties.ssl().bundle();
		}
		else {
			return null;
		}
		SslBundles bundles = this.sslBundles.get();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"No SSL bundles are configured (spring.ssl.bundle.*)");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"No SSL bundle named '" + name + "' is configured under spring.ssl.bundle.*; known: "
							+ bundles.getBundleNames());
		}
	}

}
