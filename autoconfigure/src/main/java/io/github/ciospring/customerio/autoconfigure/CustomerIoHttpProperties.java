package io.github.ciospring.customerio.autoconfigure;

import java.util.List;

import io.github.ciospring.customerio.http.HttpProxy;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every Customer.io API is reached, on top of Spring Boot's {@code spring.http.clients.*}: TLS and a forward
 * proxy. {@code customerio.<api>.ssl.bundle} overrides the bundle for one API.
 *
 * @param ssl the SSL bundle of every API
 * @param proxy an explicit forward proxy; unset, the JVM's {@code http(s).proxyHost}/{@code http(s).proxyPort} and
 * {@code http.nonProxyHosts} apply
 */
@ConfigurationProperties("customerio.http")
public record CustomerIoHttpProperties(@DefaultValue @NestedConfigurationProperty SslProperties ssl,
		@DefaultValue Proxy proxy) {

	/**
	 * An HTTP forward proxy for the calls to Customer.io (an HTTP {@code CONNECT} tunnel).
	 *
	 * @param host the proxy's host; unset: the JVM's proxy properties apply
	 * @param port the proxy's port, 1 to 65535; required with a host
	 * @param username the proxy user (Basic proxy authentication); needs a password
	 * @param password the proxy user's password; masked in Actuator
	 * @param nonProxyHosts hosts reached directly, {@code *} as wildcard, for example {@code *.internal}
	 */
	public record Proxy(@Nullable String host, @Nullable Integer port, @Nullable String username,
			@Nullable String password, @Nullable List<String> nonProxyHosts) {

		private static final String PREFIX = "customerio.http.proxy.";

		public Proxy {
			if (port != null && (port < 1 || port > 65535)) {
				throw new IllegalArgumentException(PREFIX + "port must be between 1 and 65535, was " + port);
			}
			if (hasText(host) && port == null) {
				throw new IllegalArgumentException(PREFIX + "port must be set with " + PREFIX + "host");
			}
			if (hasText(username) && password == null) {
				throw new IllegalArgumentException(PREFIX + "username is set without " + PREFIX + "password");
			}
			if (!hasText(username) && password != null) {
				throw new IllegalArgumentException(PREFIX + "password is set without " + PREFIX + "username");
			}
		}

		/** The explicit proxy, or {@code null} when no host is set. */
		HttpProxy toHttpProxy() {
			if (!hasText(this.host)) {
				return null;
			}
			return new HttpProxy(this.host.trim(), this.port, hasText(this.username) ? this.username : null,
					hasText(this.username) ? this.password : null, this.nonProxyHosts);
		}

		private static boolean hasText(String value) {
			return value != null && !value.isBlank();
		}

		@Override
		public String toString() {
			return "Proxy[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
					+ ((this.password != null) ? "******" : null) + ", nonProxyHosts=" + this.nonProxyHosts + "]";
		}

	}

}
