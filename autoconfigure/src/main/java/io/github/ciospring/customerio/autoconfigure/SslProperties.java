package io.github.ciospring.customerio.autoconfigure;

/**
 * TLS of the connections to Customer.io.
 *
 * @param bundle the name of an SSL bundle ({@code spring.ssl.bundle.*}) whose trust material (and key, for mutual
 * TLS) the connections use; unset: {@code spring.http.clients.ssl.bundle}, else the JVM's default trust store
 */
public record SslProperties(String bundle) {

	boolean hasBundle() {
		return this.bundle != null && !this.bundle.isBlank();
	}

}
