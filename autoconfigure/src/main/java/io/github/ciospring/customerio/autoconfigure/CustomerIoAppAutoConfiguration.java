package io.github.ciospring.customerio.autoconfigure;

import java.util.Map;

import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.http.Authentication;
import io.github.ciospring.customerio.http.ConnectionSettings;
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
 * The App API client, with three rate limiters and retries: {@code customerio-app} for lookups and exports (10/s
 * by default), {@code customerio-transactional} for transactional sends (80/s) and {@code customerio-broadcasts}
 * for broadcast triggers (1 per 10 s). Sends are retried only when they surely did not reach Customer.io.
 */
@AutoConfiguration(after = CustomerIoAutoConfiguration.class)
@ConditionalOnBean(ApiResilienceFactory.class)
@Conditional(CustomerIoAppCondition.class)
@EnableConfigurationProperties(CustomerIoAppProperties.class)
@Import(CustomerIoConnectionDetailsConfiguration.class)
public final class CustomerIoAppAutoConfiguration {

	/** Name of the {@link ApiResilience} bean of lookups and exports. */
	public static final String APP_RESILIENCE_BEAN = "customerIoAppResilience";

	/** Name of the {@link ApiResilience} bean of transactional sends. */
	public static final String TRANSACTIONAL_RESILIENCE_BEAN = "customerIoTransactionalResilience";

	/** Name of the {@link ApiResilience} bean of broadcast triggers. */
	public static final String BROADCASTS_RESILIENCE_BEAN = "customerIoBroadcastsResilience";

	static final String WORKSPACE_HEADER = "X-Workspace-Id";

	@Bean(APP_RESILIENCE_BEAN)
	@ConditionalOnMissingBean(name = APP_RESILIENCE_BEAN)
	ApiResilience customerIoAppResilience(ApiResilienceFactory factory, CustomerIoAppProperties properties) {
		return factory.create("app", properties.rateLimit().resolve(CustomerIoAppProperties.DEFAULT_RATE_LIMIT),
				properties.retry().resolve(CustomerIoAppProperties.DEFAULT_RETRY));
	}

	@Bean(TRANSACTIONAL_RESILIENCE_BEAN)
	@ConditionalOnMissingBean(name = TRANSACTIONAL_RESILIENCE_BEAN)
	ApiResilience customerIoTransactionalResilience(ApiResilienceFactory factory, CustomerIoAppProperties properties) {
		CustomerIoAppProperties.Instance transactional = properties.transactional();
		return factory.create("transactional",
				transactional.rateLimit().resolve(CustomerIoAppProperties.DEFAULT_TRANSACTIONAL_RATE_LIMIT),
				transactional.retry().resolve(CustomerIoAppProperties.DEFAULT_TRANSACTIONAL_RETRY));
	}

	@Bean(BROADCASTS_RESILIENCE_BEAN)
	@ConditionalOnMissingBean(name = BROADCASTS_RESILIENCE_BEAN)
	ApiResilience customerIoBroadcastsResilience(ApiResilienceFactory factory, CustomerIoAppProperties properties) {
		CustomerIoAppProperties.Instance broadcasts = properties.broadcasts();
		return factory.create("broadcasts",
				broadcasts.rateLimit().resolve(CustomerIoAppProperties.DEFAULT_BROADCASTS_RATE_LIMIT),
				broadcasts.retry().resolve(CustomerIoAppProperties.DEFAULT_BROADCASTS_RETRY));
	}

	@Bean
	@ConditionalOnMissingBean
	AppClient appClient(CustomerIoConnectionDetails connectionDetails, CustomerIoAppProperties properties,
			CustomerIoHttpClientFactory httpClients, @Qualifier(APP_RESILIENCE_BEAN) ApiResilience app,
			@Qualifier(TRANSACTIONAL_RESILIENCE_BEAN) ApiResilience transactional,
			@Qualifier(BROADCASTS_RESILIENCE_BEAN) ApiResilience broadcasts) {
		CustomerIoConnectionDetails.App connection = connectionDetails.getApp();
		String apiKey = Credentials.require("customerio.app.api-key", connection.apiKey(), "App API key");
		Map<String, String> headers = (properties.workspaceId() != null)
				? Map.of(WORKSPACE_HEADER, properties.workspaceId().toString()) : Map.of();
		ConnectionSettings settings = new ConnectionSettings(connection.baseUrl(),
				Authentication.bearer(apiKey), properties.connectTimeout(), properties.responseTimeout(), headers);
		return new AppClient(httpClients.create("app", settings, properties.ssl()), app, transactional, broadcasts);
	}

}
