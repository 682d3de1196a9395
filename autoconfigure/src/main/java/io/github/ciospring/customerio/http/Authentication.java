package io.github.ciospring.customerio.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code Authorization} header of one API. Its {@code toString} never shows the secret.
 */
public sealed interface Authentication permits Authentication.Basic, Authentication.Bearer {

	/** The full {@code Authorization} header value. */
	String headerValue();

	/** HTTP Basic, as the Track API (site id and API key) and the Pipelines API (API key, empty password) use. */
	static Authentication basic(String username, String password) {
		return new Basic(username, password);
	}

	/** A bearer token, as the App API uses. */
	static Authentication bearer(String token) {
		return new Bearer(token);
	}

	/** HTTP Basic credentials. */
	final class Basic implements Authentication {

		private final String headerValue;


		private Basic(String username, String password) {
			if (username == null || username.isBlank()) {
				throw new IllegalArgumentException("username must not be blank");
			}
			String pair = username + ":" + ((password != null) ? password : "");
			this.headerValue = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String headerValue() {
			return this.headerValue;
		}

		@Override
		public String toString() {
			return "Basic(******)";
		}

	}

	/** A bearer token. */
	final class Bearer implements Authentication {

		private final String headerValue;

		private Bearer(String token) {
			if (token == null || token.isBlank()) {
				throw new IllegalArgumentException("token must not be blank");
			}
			this.headerValue = "Bearer " + token;
		}

		@Override
		public String headerValue() {
			return this.headerValue;
		}

		@Override
		public String toString() {
			return "Bearer(******)";
		}

	}

}
