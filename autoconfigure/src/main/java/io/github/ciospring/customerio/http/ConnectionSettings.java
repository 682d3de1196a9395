package io.github.ciospring.customerio.http;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how one API is reached.
 *
 * @param baseUrl scheme, host and optional port, for example {@code https://track.customer.io}
 * @param authentication the credentials sent on every request
 * @param connectTimeout how long establishing a connection may take
 * @param responseTimeout how long one attempt may take from send to full response
 * @param headers extra headers sent on every request (for example {@code X-Workspace-Id})
 */
public record ConnectionSettings(String baseUrl, Authentication authentication, Duration connectTimeout,
		Duration responseTimeout, Map<String, String> headers) {

	public ConnectionSettings {
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new IllegalArgumentException("base-url must not be blank");
		}
		headers = Map.copyOf(headers);
	}

	public ConnectionSettings(String baseUrl, Authentication authentication, Duration connectTimeout,
			Duration responseTimeout) {
		this(baseUrl, authentication, connectTimeout, responseTimeout, Map.of());
	}

	@Override
	public String toString() {
		return "ConnectionSettings[baseUrl=" + this.baseUrl + ", authentication=" + this.authentication
				+ ", connectTimeout=" + this.connectTimeout + ", responseTimeout=" + this.responseTimeout
				+ ", headers=" + this.headers.keySet() + "]";
	}

}
