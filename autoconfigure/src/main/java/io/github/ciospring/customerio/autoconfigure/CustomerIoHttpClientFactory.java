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
import io.github.ciospring.customerio.http.CustomerIoObservationConvention;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.http.ReactorConnectors;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds each API's {@link CustomerIoHttpClient} from Boot's {@link WebClient.Builder} (so codecs, filters and
 * observations apply), after the {@link CustomerIoWebClientCustomizer}s have had their say. The connector comes from
 * the {@link CustomerIoConnectorFactory} (Boot's connector builder and HTTP client settings with ours on top) and is
 * set before the customizers run, so a connector a customizer sets wins. The builder's observation convention is {@link CustomerIoClientRequestObservationConvention}, so spans never carry a customer
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

	private final CustomerIoConnectorFactory connectors;

	private final CustomerIoObservationConvention observationConvention;

	private final ConcurrentMap<String, String> baseUrls = new ConcurrentHashMap<>();

	public CustomerIoHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CustomerIoWebClientCustomizer> customizers, JsonCodec codec, CustomerIoMeters meters,
			Clock clock) {
		this(webClientBuilder, customizers, codec, meters, clock, ObservationRegistry.NOOP);
	}

	public CustomerIoHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CustomerIoWebClientCustomizer> customizers, JsonCodec codec, CustomerIoMeters meters,
			Clock clock, ObservationRegistry observationRegistry) {
		this(webClientBuilder, customizers, codec, meters, clock, observationRegistry, null, null);
	}

	/**
	 * @param webClientBuilder Boot's builder, cloned for each API
	 * @param customizers adjust each API's builder
	 * @param codec the JSON codec
	 * @param meters the meters
	 * @param clock the clock {@code Retry-After} dates are read against
	 * @param observationRegistry the registry calls are observed in
	 * @param connectors builds each API's connector; {@code null} for a plain Reactor Netty one
	 * ({@link ReactorConnectors#create(ConnectionSettings)})
	 * @param observationConvention the convention of the {@code customerio.calls} observation; {@code null} for the
	 * default
	 */
	public CustomerIoHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CustomerIoWebClientCustomizer> customizers, JsonCodec codec, CustomerIoMeters meters,
			Clock clock, ObservationRegistry observationRegistry, CustomerIoConnectorFactory connectors,
			CustomerIoObservationConvention observationConvention) {
		this.webClientBuilder = webClientBuilder;
		this.customizers = customizers;
		this.codec = codec;
		this.meters = meters;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.connectors = connectors;
		this.observationConvention = observationConvention;
	}

	/**
	 * @param api the API the client is for: {@code track}, {@code app} or {@code pipelines}
	 * @param settings where and how the API is reached
	 * @return a new client
	 */
	public CustomerIoHttpClient create(String api, ConnectionSettings settings) {
		return create(api, settings, null);
	}

	/**
	 * @param api the API the client is for: {@code track}, {@code app} or {@code pipelines}
	 * @param settings where and how the API is reached
	 * @param ssl the API's own {@code customerio.<api>.ssl}, or {@code null}
	 * @return a new client
	 */
	public CustomerIoHttpClient create(String api, ConnectionSettings settings, SslProperties ssl) {
		ClientHttpConnector connector = (this.connectors != null) ? this.connectors.create(api, settings, ssl)
				: ReactorConnectors.create(settings);
		WebClient.Builder builder = this.webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.observationConvention(new CustomerIoClientRequestObservationConvention())
			.clientConnector(connector);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(api, builder));
		this.baseUrls.put(api, withoutSecrets(settings.baseUrl()));
		return CustomerIoHttpClient.createWithBuilderConnector(builder, settings, this.codec, this.meters,
				this.clock, this.observationRegistry, this.observationConvention);
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
