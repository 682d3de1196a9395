package io.github.ciospring.customerio.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Properties;

import io.netty.channel.ChannelOption;
import io.netty.resolver.NoopAddressResolverGroup;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * Reactor Netty connectors for clients built by hand, without Spring Boot: the settings' connect timeout, and the
 * proxy the JVM's standard properties name. Spring Boot applications get theirs from Boot's
 * {@code ClientHttpConnectorBuilder} instead, so {@code spring.http.clients.*} and SSL bundles apply too.
 */
public final class ReactorConnectors {

	private ReactorConnectors() {
	}

	/**
	 * A connector with the settings' connect timeout that goes through the proxy the JVM's system properties name
	 * for the base URL's scheme (see {@link HttpProxy#fromSystemProperties(Properties, String)}).
	 * @param settings where and how the API is reached
	 * @return a new connector
	 */
	public static ReactorClientHttpConnector create(ConnectionSettings settings) {
		return create(settings, HttpProxy.fromSystemProperties(System.getProperties(), schemeOf(settings.baseUrl())));
	}

	/**
	 * A connector with the settings' connect timeout, through the given proxy.
	 * @param settings where and how the API is reached
	 * @param proxy the proxy, or {@code null} to connect directly
	 * @return a new connector
	 */
	public static ReactorClientHttpConnector create(ConnectionSettings settings, HttpProxy proxy) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(settings.connectTimeout().toMillis()));
		return new ReactorClientHttpConnector(withProxy(httpClient, proxy));
	}

	/**
	 * The given client, sending through the proxy (an HTTP {@code CONNECT} tunnel) except to its non-proxy hosts.
	 * @param httpClient the client
	 * @param proxy the proxy, or {@code null} to leave the client as it is
	 * @return the client with the proxy
	 */
	public static HttpClient withProxy(HttpClient httpClient, HttpProxy proxy) {
		if (proxy == null) {
			return httpClient;
		}
		// the proxy resolves the target's name, as Reactor Netty arranges when no resolver is set yet; a client
		// that runs on shared loop resources already has a DNS resolver, which would fail on names only the proxy
		// can resolve
		return httpClient.resolver(NoopAddressResolverGroup.INSTANCE).proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP)
				.host(proxy.host())
				.port(proxy.port())
				.nonProxyHostsPredicate((address) -> address instanceof InetSocketAddress target
						&& proxy.bypasses(target.getHostString()));
			if (proxy.username() != null) {
				builder.username(proxy.username()).password((username) -> proxy.password());
			}
		});
	}

	/** The scheme of a base URL, {@code https} when it cannot be read. */
	public static String schemeOf(String baseUrl) {
		try {
			String scheme = URI.create(baseUrl).getScheme();
			return (scheme != null) ? scheme : "https";
		}
		catch (IllegalArgumentException ex) {
			return "https";
		}
	}

}
