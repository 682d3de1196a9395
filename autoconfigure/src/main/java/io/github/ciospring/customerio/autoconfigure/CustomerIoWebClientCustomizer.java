package io.github.ciospring.customerio.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the {@link WebClient.Builder} of a Customer.io API before its client is built, for example to add a
 * filter. Called with a clone of Boot's builder, once per API, that already carries the API's connector (Boot's
 * HTTP client settings, {@code customerio.http.*}); a connector set here replaces it, and then those settings are
 * the customizer's to apply.
 */
@FunctionalInterface
public interface CustomerIoWebClientCustomizer {

	/**
	 * @param api the API: {@code track}, {@code app} or {@code pipelines}
	 * @param builder the builder to adjust
	 */
	void customize(String api, WebClient.Builder builder);

}
