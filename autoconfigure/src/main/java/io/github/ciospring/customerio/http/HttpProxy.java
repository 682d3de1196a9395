package io.github.ciospring.customerio.http;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP forward proxy that carries the calls to Customer.io (tunnelled with {@code CONNECT}), with optional Basic
 * proxy authentication and the hosts reached directly.
 *
 * @param host the proxy's host
 * @param port the proxy's port, 1 to 65535
 * @param username the proxy user, or {@code null} for no proxy authentication
 * @param password the proxy user's password; required with a username
 * @param nonProxyHosts hosts reached directly, as in {@code http.nonProxyHosts}: {@code *} matches any characters,
 * case is ignored
 */
public record HttpProxy(String host, int port, String username, String password, List<String> nonProxyHosts) {

	/** The JDK's own default for {@code http.nonProxyHosts}: loopback is never proxied. */
	static final String DEFAULT_NON_PROXY_HOSTS = "localhost|127.*|[::1]";

	public HttpProxy {
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("proxy host must not be blank");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("proxy port must be between 1 and 65535, was " + port);
		}
		if (username != null && password == null) {
			throw new IllegalArgumentException("proxy username is set without a password");
		}
		if (username == null && password != null) {
			throw new IllegalArgumentException("proxy password is set without a username");
		}
		nonProxyHosts = (nonProxyHosts != null) ? List.copyOf(nonProxyHosts) : List.of();
	}

	/**
	 * The proxy the JVM's standard properties name for the given scheme, as {@code java.net} reads them:
	 * {@code https.proxyHost}/{@code https.proxyPort} (default 443) for {@code https},
	 * {@code http.proxyHost}/{@code http.proxyPort} (default 80) otherwise, and {@code http.nonProxyHosts} for both
	 * (default: loopback). {@code <scheme>.proxyUser}/{@code <scheme>.proxyPassword}, read by Reactor Netty and many
	 * other clients, give proxy authentication.
	 * @param properties the properties to read, normally {@link System#getProperties()}
	 * @param scheme the scheme of the URL to reach, {@code http} or {@code https}
	 * @return the proxy, or {@code null} when none is set for the scheme
	 * @throws IllegalArgumentException naming the property when the port is not a number in range
	 */
	public static @Nullable HttpProxy fromSystemProperties(Properties properties, String scheme) {
		String prefix = "https".equalsIgnoreCase(scheme) ? "https" : "http";
		String host = properties.getProperty(prefix + ".proxyHost");
		if (host == null || host.isBlank()) {
			return null;
		}
		String portProperty = prefix + ".proxyPort";
		String portValue = properties.getProperty(portProperty);
		int port = "https".equals(prefix) ? 443 : 80;
		if (portValue != null && !portValue.isBlank()) {
			try {
				port = Integer.parseInt(portValue.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(portProperty + " must be a port number, was '" + portValue + "'");
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException(portProperty + " must be between 1 and 65535, was " + port);
			}
		}
		String nonProxyHosts = properties.getProperty("http.nonProxyHosts", DEFAULT_NON_PROXY_HOSTS);
		String username = properties.getProperty(prefix + ".proxyUser");
		String password = (username != null) ? properties.getProperty(prefix + ".proxyPassword", "") : null;
		return new HttpProxy(host.trim(), port, username, password, Arrays.asList(nonProxyHosts.split("\\|")));
	}

	/**
	 * Whether the given host is reached directly, without the proxy.
	 * @param targetHost a host name or address literal
	 * @return whether one of the non-proxy host patterns matches it
	 */
	public boolean bypasses(String targetHost) {
		if (targetHost == null) {
			return false;
		}
		String candidate = targetHost.toLowerCase(Locale.ROOT);
		for (String pattern : this.nonProxyHosts) {
			String trimmed = pattern.trim().toLowerCase(Locale.ROOT);
			if (!trimmed.isEmpty() && matches(trimmed, candidate)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(String pattern, String host) {
		String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).reduce((a, b) -> a + ".*" + b)
			.orElse("");
		// "[::1]" also matches the bare "::1" a resolved address reports
		String bare = (host.startsWith("[") || !host.contains(":")) ? host : "[" + host + "]";
		return host.matches(regex) || bare.matches(regex);
	}

	@Override
	public String toString() {
		return "HttpProxy[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : null) + ", nonProxyHosts=" + this.nonProxyHosts + "]";
	}

}
