package io.github.ciospring.customerio.autoconfigure;

import java.time.Clock;

import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds each API's {@link CustomerIoHttpClient} from Boot's {@link WebClient.Builder} (so codecs, filters and
 * observations apply), after the {@link CustomerIoWebClientCustomizer}s have had their say.
 */
public class CustomerIoHttpClientFactory {

	private final ObjectProvider<WebClient.Builder> webClientBuilder;

	private final ObjectProvider<CustomerIoWebClientCustomizer> customizers;

	private final JsonCodec codec;

	private final CustomerIoMeters meters;

	private final Clock clock;

	public CustomerIoHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CustomerIoWebClientCustomizer> customizers, JsonCodec codec, CustomerIoMeters meters,
			Clock clock) {
		this.webClientBuilder = webClientBuilder;
		this.customizers = customizers;
		this.codec = codec;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * @param api the API the client is for: {@code track}, {@code app} or {@code pipelines}
	 * @param settings where and how the API is reached
	 * @return a new client
	 */
	public CustomerIoHttpClient create(String api, ConnectionSettings settings) {
		WebClient.Builder builder = this.webClientBuilder.getIfAvailable(WebClient::builder).clone();
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(api, builder));
		return CustomerIoHttpClient.create(builder, settings, this.codec, this.meters, this.clock);
	}

}
