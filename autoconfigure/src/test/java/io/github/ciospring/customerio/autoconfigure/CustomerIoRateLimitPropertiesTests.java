package io.github.ciospring.customerio.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIoRateLimitPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Config.class);

	@Test
	void defaults() {
		this.runner.run((context) -> {
			CustomerIoRateLimitProperties properties = context.getBean(CustomerIoRateLimitProperties.class);
			assertThat(properties.store()).isEqualTo(CustomerIoRateLimitProperties.Store.LOCAL);
			assertThat(properties.adaptive()).isEqualTo(new CustomerIoRateLimitProperties.Adaptive(true, 0.5, 0.1,
					0.05, Duration.ofSeconds(5)));
			assertThat(properties.redis().keyPrefix()).isEqualTo("customerio:ratelimit");
			assertThat(properties.redis().workspace()).isNull();
			assertThat(properties.redis().timeout()).isEqualTo(Duration.ofMillis(100));
			assertThat(properties.redis().resolveFallbackShare()).isEqualTo(0.5);
			assertThat(properties.redis().recheckInterval()).isEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void bindsEverySetting() {
		this.runner
			.withPropertyValues("customerio.rate-limit.store=redis", "customerio.rate-limit.adaptive.enabled=false",
					"customerio.rate-limit.adaptive.decrease-factor=0.7",
					"customerio.rate-limit.adaptive.minimum-ratio=0.2",
					"customerio.rate-limit.adaptive.increase-per-second=0.1",
					"customerio.rate-limit.adaptive.quiet-period=2s", "customerio.rate-limit.redis.timeout=50ms",
					"customerio.rate-limit.redis.expected-instances=4",
					"customerio.rate-limit.redis.fallback-share=0.3",
					"customerio.rate-limit.redis.recheck-interval=5s")
			.run((context) -> {
				CustomerIoRateLimitProperties properties = context.getBean(CustomerIoRateLimitProperties.class);
				assertThat(properties.store()).isEqualTo(CustomerIoRateLimitProperties.Store.REDIS);
				assertThat(properties.adaptive()).isEqualTo(new CustomerIoRateLimitProperties.Adaptive(false, 0.7,
						0.2, 0.1, Duration.ofSeconds(2)));
				assertThat(properties.redis().timeout()).isEqualTo(Duration.ofMillis(50));
				assertThat(properties.redis().resolveFallbackShare()).isEqualTo(0.3);
				assertThat(properties.redis().recheckInterval()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void theFallbackShareIsOneOverTheExpectedInstancesUnlessSet() {
		this.runner.withPropertyValues("customerio.rate-limit.redis.expected-instances=4")
			.run((context) -> assertThat(
					context.getBean(CustomerIoRateLimitProperties.class).redis().resolveFallbackShare())
				.isEqualTo(0.25));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CustomerIoRateLimitProperties.class)
	static class Config {

	}

}
