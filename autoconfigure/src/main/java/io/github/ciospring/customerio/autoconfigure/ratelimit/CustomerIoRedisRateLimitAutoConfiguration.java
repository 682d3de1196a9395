package io.github.ciospring.customerio.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoRateLimitHealthIndicator;
import io.github.ciospring.customerio.autoconfigure.CustomerIoRateLimitProperties;
import io.github.ciospring.customerio.resilience.ApiRateLimiterFactory;
import io.github.ciospring.customerio.resilience.redis.RedisLimiterSettings;
import io.github.ciospring.customerio.resilience.redis.RedisRateLimiterFactory;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * With {@code customerio.rate-limit.store=redis}, every API's permits come from Redis through the application's
 * Spring Data Redis connection, so all instances together stay under each API's rate; the adaptive throttle, retry
 * and meters stay as they are. Keys are per workspace (a hash of the API's credentials) and API. Before the
 * application reports ready, the connection is opened and the scripts loaded ({@link CustomerIoRedisRateLimitWarmUp}).
 */
@AutoConfiguration(before = CustomerIoAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, ReactiveStringRedisTemplate.class })
@ConditionalOnProperty(prefix = "customerio.rate-limit", name = "store", havingValue = "redis")
@EnableConfigurationProperties(CustomerIoRateLimitProperties.class)
public final class CustomerIoRedisRateLimitAutoConfiguration {

	/** The longest start-up waits for Redis to open and load the limiters' scripts. */
	private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean(ApiRateLimiterFactory.class)
	RedisRateLimiterFactory customerIoRedisRateLimiterFactory(
			ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory, CustomerIoRateLimitProperties properties,
			Environment environment, ObjectProvider<MeterRegistry> meterRegistry) {
		ReactiveRedisConnectionFactory redis = connectionFactory.getIfAvailable();
		if (redis == null) {
			throw new InvalidConfigurationPropertyValueException("customerio.rate-limit.store", "redis",
					"A Spring Data Redis connection is needed: add spring-boot-starter-data-redis and set "
							+ "spring.data.redis.*");
		}
		CustomerIoRateLimitProperties.Redis settings = properties.redis();
		return new RedisRateLimiterFactory(new ReactiveStringRedisTemplate(redis), settings.keyPrefix(),
				(api) -> workspace(settings, environment, api),
				new RedisLimiterSettings(settings.timeout(), settings.resolveFallbackShare(),
						settings.recheckInterval(), settings.absentInstanceHold()),
				System::nanoTime, meterRegistry.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(name = "customerIoRedisRateLimitWarmUp")
	CustomerIoRedisRateLimitWarmUp customerIoRedisRateLimitWarmUp(ObjectProvider<RedisRateLimiterFactory> limiters) {
		return new CustomerIoRedisRateLimitWarmUp(limiters::getIfAvailable, WARM_UP_TIMEOUT);
	}

	private static String workspace(CustomerIoRateLimitProperties.Redis settings, Environment environment,
			String api) {
		if (settings.workspace() != null && !settings.workspace().isBlank()) {
			return settings.workspace();
		}
		// transactional sends and broadcast triggers are App API instances: their credentials are the App API's
		String credentialsApi = ("transactional".equals(api) || "broadcasts".equals(api)) ? "app" : api;
		String prefix = "customerio." + credentialsApi + ".";
		return RedisRateLimiterFactory.workspaceId(environment.getProperty(prefix + "site-id"),
				environment.getProperty(prefix + "api-key"));
	}

	/**
	 * Caps Lettuce's reconnect backoff (30s by default, doubling from 1ms) at
	 * {@code customerio.rate-limit.redis.max-reconnect-delay}: otherwise an instance that lost Redis for a few seconds
	 * finds the connection still closed for seconds after Redis is back, and stays on its fallback share for as long.
	 * Applies to the application's Lettuce client resources built by Spring Boot.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientResources.class, ClientResourcesBuilderCustomizer.class })
	static class LettuceReconnectConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "customerIoRedisReconnectDelay")
		ClientResourcesBuilderCustomizer customerIoRedisReconnectDelay(CustomerIoRateLimitProperties properties) {
			Duration longest = properties.redis().maxReconnectDelay();
			return (builder) -> builder.reconnectDelay(Delay.exponential(Duration.ofMillis(1), longest, 2,
					TimeUnit.MILLISECONDS));
		}

	}

	/**
	 * The {@code customerIoRateLimit} health contributor: where each API's permits come from. Switched off with
	 * {@code management.health.customerio-rate-limit.enabled=false} (or {@code management.health.defaults.enabled})
	 * and, like every Customer.io bean, with {@code customerio.enabled=false}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("customerio-rate-limit")
	@ConditionalOnProperty(prefix = "customerio", name = "enabled", havingValue = "true", matchIfMissing = true)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "customerIoRateLimitHealthIndicator")
		CustomerIoRateLimitHealthIndicator customerIoRateLimitHealthIndicator(
				ObjectProvider<RedisRateLimiterFactory> limiters) {
			return new CustomerIoRateLimitHealthIndicator(limiters::getIfAvailable);
		}

	}

}
