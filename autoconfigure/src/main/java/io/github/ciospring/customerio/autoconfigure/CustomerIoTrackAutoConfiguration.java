package io.github.ciospring.customerio.autoconfigure;

import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.ciospring.customerio.track.TrackClient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * The Track API client, with its own rate limiter ({@code customerio-track}, 80/s by default) and retry.
 */
@AutoConfiguration(after = CustomerIoAutoConfiguration.class)
@ConditionalOnBean(ApiResilienceFactory.class)
@Conditional(CustomerIoTrackCondition.class)
@EnableConfigurationProperties(CustomerIoTrackProperties.class)
@Import(CustomerIoConnectionDetailsConfiguration.class)
public final class CustomerIoTrackAutoConfiguration {

	/** Name of the Track API's {@link ApiResilience} bean. */
	public static final String RESILIENCE_BEAN = "customerIoTrackResilience";

	@Bean(RESILIENCE_BEAN)
	@ConditionalOnMissingBean(name = RESILIENCE_BEAN)
	ApiResilience customerIoTrackResilience(ApiResilienceFactory factory, CustomerIoTrackProperties properties) {
		return factory.create("track", properties.rateLimit().resolve(CustomerIoTrackProperties.DEFAULT_RATE_LIMIT),
				properties.retry().resolve(CustomerIoTrackProperties.DEFAULT_RETRY));
	}

	@Bean
	@ConditionalOnMissingBean
	TrackClient trackClient(CustomerIoConnectionDetails connectionDetails, CustomerIoTrackProperties properties,
			CustomerIoHttpClientFactory httpClients, @Qualifier(RESILIENCE_BEAN) ApiResilience resilience) {
		CustomerIoConnectionDetails.Track connection = connectionDetails.getTrack();
		Credentials.requireAll("Track", "customerio.track.site-id", connection.siteId(), "customerio.track.api-key",
				connection.apiKey());
		ConnectionSettings settings = new ConnectionSettings(connection.baseUrl(),
				Authentication.basic(connection.siteId(), connection.apiKey()), properties.connectTimeout(),
				properties.responseTimeout());
		return new TrackClient(httpClients.create("track", settings, properties.ssl()), resilience);
	}

}
