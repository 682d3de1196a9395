package io.github.ciospring.customerio.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * TLS of the connections to Customer.io.
 *
 * @param bundle the name of an SSL bundle ({@code spring.ssl.bundle.*}) whose trust material (and key, for mutual
 * TLS) the connections use; unset: {@code spring.http.clients.ssl.bundle}, else the JVM's default trust store
 */
public record SslProperties(@Nullable String bundle) {

	boolean hasBundle() {
		return this.bundle != null && !this.bundle.isBlank();
	}

}
