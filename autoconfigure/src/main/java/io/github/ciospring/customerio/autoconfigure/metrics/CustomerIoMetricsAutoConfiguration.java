package io.github.ciospring.customerio.autoconfigure.metrics;

import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.resilience.ApiResilienceFactory;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;

/**
 * Resilience4j's own meters ({@code resilience4j.ratelimiter.*}, {@code resilience4j.retry.*}) for every rate
 * limiter and retry of the Customer.io clients, through {@code resilience4j-micrometer}, bound to the
 * application's {@code MeterRegistry} like any {@link MeterBinder}. Backs off when
 * {@code resilience4j-spring-boot4} is present: its own metrics auto-configuration binds the same registries (ours
 * are registered in them), and binding twice would register every meter twice.
 */
@AutoConfiguration(after = CustomerIoAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, TaggedRateLimiterMetrics.class, TaggedRetryMetrics.class })
@ConditionalOnMissingClass("io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterMetricsAutoConfiguration")
@ConditionalOnBean(ApiResilienceFactory.class)
public final class CustomerIoMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "customerIoRateLimiterMetrics")
	TaggedRateLimiterMetrics customerIoRateLimiterMetrics(ApiResilienceFactory factory) {
		return TaggedRateLimiterMetrics.ofRateLimiterRegistry(factory.rateLimiterRegistry());
	}

	@Bean
	@ConditionalOnMissingBean(name = "customerIoRetryMetrics")
	TaggedRetryMetrics customerIoRetryMetrics(ApiResilienceFactory factory) {
		return TaggedRetryMetrics.ofRetryRegistry(factory.retryRegistry());
	}

}
