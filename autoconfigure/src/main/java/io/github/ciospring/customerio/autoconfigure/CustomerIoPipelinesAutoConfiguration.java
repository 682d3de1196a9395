package io.github.ciospring.customerio.autoconfigure;

import java.util.Map;

import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
import io.github.ciospring.customerio.pipelines.PipelinesClient;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * The Pipelines API client, with its own rate limiter ({@code customerio-pipelines}, 80/s by default) and retry.
 */
@AutoConfiguration(after = CustomerIoAutoConfiguration.class)
@ConditionalOnBean(ApiResilienceFactory.class)
@Conditional(CustomerIoPipelinesCondition.class)
@EnableConfigurationProperties(CustomerIoPipelinesProperties.class)
@Import(CustomerIoConnectionDetailsConfiguration.class)
public final class CustomerIoPipelinesAutoConfiguration {

	/** Name of the Pipelines API's {@link ApiResilience} bean. */
	public static final String RESILIENCE_BEAN = "customerIoPipelinesResilience";

	@Bean(RESILIENCE_BEAN)
	@ConditionalOnMissingBean(name = RESILIENCE_BEAN)
	ApiResilience customerIoPipelinesResilience(ApiResilienceFactory factory,
			CustomerIoPipelinesProperties properties) {
		return factory.create("pipelines",
				properties.rateLimit().resolve(CustomerIoPipelinesProperties.DEFAULT_RATE_LIMIT),
				properties.retry().resolve(CustomerIoPipelinesProperties.DEFAULT_RETRY));
	}

	@Bean
	@ConditionalOnMissingBean
	PipelinesClient pipelinesClient(CustomerIoConnectionDetails connectionDetails,
			CustomerIoPipelinesProperties properties, CustomerIoHttpClientFactory httpClients,
			@Qualifier(RESILIENCE_BEAN) ApiResilience resilience) {
		CustomerIoConnectionDetails.Pipelines connection = connectionDetails.getPipelines();
		String apiKey = Credentials.require("customerio.pipelines.api-key", connection.apiKey(),
				"Pipelines API key");
		ConnectionSettings settings = new ConnectionSettings(connection.baseUrl(),
				Authentication.basic(apiKey, ""), properties.connectTimeout(), properties.responseTimeout(),
				properties.strictMode() ? PipelinesClient.STRICT_MODE_HEADERS : Map.of());
		return new PipelinesClient(httpClients.create("pipelines", settings, properties.ssl()), resilience);
	}

}
