package io.github.ciospring.customerio.autoconfigure.ratelimit;

import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoRateLimitHealthIndicator;
import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared limiter's health contributor follows Actuator's switches and {@code customerio.enabled}.
 */
class CustomerIoRateLimitHealthConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
				CustomerIoTrackAutoConfiguration.class, CustomerIoRedisRateLimitAutoConfiguration.class))
		.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key",
				"customerio.rate-limit.store=redis")
		.withBean(LettuceConnectionFactory.class,
				() -> new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379)));

	@Test
	void contributesByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CustomerIoRateLimitHealthIndicator.class));
	}

	@Test
	void switchesOffWithItsManagementHealthProperty() {
		this.runner.withPropertyValues("management.health.customerio-rate-limit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoRateLimitHealthIndicator.class));
	}

	@Test
	void switchesOffWithManagementHealthDefaults() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoRateLimitHealthIndicator.class));
	}

	@Test
	void switchesOffWithCustomerIoDisabled() {
		this.runner.withPropertyValues("customerio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CustomerIoRateLimitHealthIndicator.class));
	}

}
