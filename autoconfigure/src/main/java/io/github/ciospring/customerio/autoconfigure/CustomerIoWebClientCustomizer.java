package io.github.ciospring.customerio.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the {@link WebClient.Builder} of a Customer.io API before its client is built, for example to add a
 * filter or a proxy. Called with a clone of Boot's builder, once per API.
 */
@FunctionalInterface
public interface CustomerIoWebClientCustomizer {

	/**
	 * @param api the API: {@code track}, {@code app} or {@code pipelines}
	 * @param builder the builder to adjust
	 */
	void customize(String api, WebClient.Builder builder);

}
