package io.github.ciospring.customerio.autoconfigure;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.http.CustomerIoObservationConvention;
import io.github.ciospring.customerio.http.DefaultCustomerIoObservationConvention;
import io.github.ciospring.customerio.http.JsonCodec;
import io.github.ciospring.customerio.resilience.ApiRateLimiterFactory;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What every Customer.io client shares: the JSON codec, the factory of rate limiters and retries (registered in
 * the application's Resilience4j registries when {@code resilience4j-spring-boot4} provides them), and meters.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration",
		"io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnProperty(prefix = "customerio", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({ CustomerIoProperties.class, CustomerIoRateLimitProperties.class,
		CustomerIoHttpProperties.class })
public final class CustomerIoAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JsonCodec customerIoJsonCodec() {
		return new JsonCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	CustomerIoMeters customerIoMeters(ObjectProvider<MeterRegistry> meterRegistry) {
		MeterRegistry registry = meterRegistry.getIfAvailable();
		return (registry != null) ? new CustomerIoMeters(registry) : CustomerIoMeters.none();
	}

	@Bean
	@ConditionalOnMissingBean
	ApiResilienceFactory customerIoResilienceFactory(ObjectProvider<RateLimiterRegistry> rateLimiterRegistry,
			ObjectProvider<RetryRegistry> retryRegistry, ObjectProvider<ApiRateLimiterFactory> limiterFactory,
			CustomerIoRateLimitProperties rateLimit, ObjectProvider<MeterRegistry> meterRegistry) {
		// limiters are local unless a shared store (CustomerIoRedisRateLimitAutoConfiguration) provides a factory
		return new ApiResilienceFactory(rateLimiterRegistry.getIfAvailable(RateLimiterRegistry::ofDefaults),
				retryRegistry.getIfAvailable(RetryRegistry::ofDefaults), System::nanoTime,
				() -> ThreadLocalRandom.current().nextDouble(),
				limiterFactory.getIfAvailable(() -> ApiRateLimiterFactory.local(System::nanoTime)),
				rateLimit.adaptive().toSettings(), meterRegistry.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	CustomerIoObservationConvention customerIoObservationConvention() {
		return new DefaultCustomerIoObservationConvention();
	}

	@Bean
	@ConditionalOnMissingBean
	CustomerIoConnectorFactory customerIoConnectorFactory(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
			CustomerIoHttpProperties properties) {
		// Boot's builder carries its customizers (shared Reactor resources among them); detected when absent
		return new CustomerIoConnectorFactory(
				connectorBuilder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
				httpClientSettings.getIfAvailable(HttpClientSettings::defaults), sslBundles::getIfAvailable,
				properties, System::getProperties);
	}

	@Bean
	@ConditionalOnMissingBean
	CustomerIoHttpClientFactory customerIoHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<CustomerIoWebClientCustomizer> customizers, JsonCodec codec, CustomerIoMeters meters,
			ObjectProvider<ObservationRegistry> observationRegistry, CustomerIoConnectorFactory connectors,
			ObjectProvider<CustomerIoObservationConvention> observationConvention) {
		return new CustomerIoHttpClientFactory(webClientBuilder, customizers, codec, meters, Clock.systemUTC(),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), connectors,
				observationConvention.getIfAvailable());
	}

}
