package io.github.ciospring.customerio.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.http.CustomerIoClientRequestObservationConvention;
import io.github.ciospring.customerio.http.CustomerIoHttpClient;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.JsonCodec;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds each API's {@link CustomerIoHttpClient} from Boot's {@link WebClient.Builder} (so codecs, filters and
 * observations apply), after the {@link CustomerIoWebClientCustomizer}s have had their say. The builder's
 * observation convention is {@link CustomerIoClientRequestObservationConvention}, so spans never carry a customer
 * identifier (a customizer may set another). Remembers each API's base URL (without user info or query) for the
 * actuator endpoint.
 */
public class CustomerIoHttpClientFactory {

	private final ObjectProvider<WebClient.Builder> webClientBuilder;

	private final ObjectProvider<CustomerIoWebClientCustomizer> customizers;

	private final JsonCodec codec;

	private final CustomerIoMeters meters;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final ConcurrentMap<String, String> baseUrls = new ConcurrentHashMap<>();

	public CustomerIoHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CustomerIoWebClientCustomizer> customizers, JsonCodec codec, CustomerIoMeters meters,
			Clock clock) {
		this(webClientBuilder, customizers, codec, meters, clock, ObservationRegistry.NOOP);
	}

	public CustomerIoHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CustomerIoWebClientCustomizer> customizers, JsonCodec codec, CustomerIoMeters meters,
			Clock clock, ObservationRegistry observationRegistry) {
		this.webClientBuilder = webClientBuilder;
		this.customizers = customizers;
		this.codec = codec;
		this.meters = meters;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * @param api the API the client is for: {@code track}, {@code app} or {@code pipelines}
	 * @param settings where and how the API is reached
	 * @return a new client
	 */
	public CustomerIoHttpClient create(String api, ConnectionSettings settings) {
		WebClient.Builder builder = this.webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.observationConvention(new CustomerIoClientRequestObservationConvention());
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(api, builder));
		this.baseUrls.put(api, withoutSecrets(settings.baseUrl()));
		return CustomerIoHttpClient.create(builder, settings, this.codec, this.meters, this.clock,
				this.observationRegistry);
	}

	/** The base URL of every client created so far, by API. */
	public Map<String, String> baseUrls() {
		return new TreeMap<>(this.baseUrls);
	}

	private static String withoutSecrets(String baseUrl) {
		try {
			URI uri = URI.create(baseUrl);
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (Exception ex) {
			return "(unparseable)";
		}
	}

}
