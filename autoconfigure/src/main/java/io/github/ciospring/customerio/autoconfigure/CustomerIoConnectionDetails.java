package io.github.ciospring.customerio.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Customer.io clients connect and with which credentials, per API. By default the
 * {@code customerio.*} properties describe it; a bean of this type (from a {@code @ServiceConnection}, the test
 * kit, or the application) takes their place. The other settings (timeouts, rate limits, retries) stay in the
 * properties.
 */
public interface CustomerIoConnectionDetails extends ConnectionDetails {

	/** The Track API's connection. */
	Track getTrack();

	/** The App API's connection. */
	App getApp();

	/** The Data Pipelines API's connection. */
	Pipelines getPipelines();

	/**
	 * The Track API's connection; its {@code toString} hides the key.
	 *
	 * @param baseUrl the base URL, for example {@code https://track.customer.io}
	 * @param siteId the workspace's site id (Basic auth user name), {@code null} when not configured
	 * @param apiKey the Track API key (Basic auth password), {@code null} when not configured
	 */
	record Track(String baseUrl, String siteId, String apiKey) {

		@Override
		public String toString() {
			return "Track[baseUrl=" + this.baseUrl + ", siteId=" + this.siteId + ", apiKey=" + mask(this.apiKey) + "]";
		}

	}

	/**
	 * The App API's connection; its {@code toString} hides the key.
	 *
	 * @param baseUrl the base URL, for example {@code https://api.customer.io}
	 * @param apiKey the App API key (Bearer token), {@code null} when not configured
	 */
	record App(String baseUrl, String apiKey) {

		@Override
		public String toString() {
			return "App[baseUrl=" + this.baseUrl + ", apiKey=" + mask(this.apiKey) + "]";
		}

	}

	/**
	 * The Data Pipelines API's connection; its {@code toString} hides the key.
	 *
	 * @param baseUrl the base URL, for example {@code https://cdp.customer.io}
	 * @param apiKey the source's API key (Basic auth user name), {@code null} when not configured
	 */
	record Pipelines(String baseUrl, String apiKey) {

		@Override
		public String toString() {
			return "Pipelines[baseUrl=" + this.baseUrl + ", apiKey=" + mask(this.apiKey) + "]";
		}

	}

	private static String mask(String secret) {
		return (secret != null) ? "******" : null;
	}

}
