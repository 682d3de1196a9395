package io.github.ciospring.customerio.autoconfigure.metrics;

import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.track.TrackClient;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterMetricsAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIoMetricsAutoConfigurationTests {

	private static final String INSTANCE = "customerio-track";

	private static final FilteredClassLoader WITHOUT_RESILIENCE4J_SPRING_BOOT = new FilteredClassLoader(
			"io.github.resilience4j.springboot");

	private static final String ONE_PERMIT_AN_HOUR = "customerio.track.rate-limit.requests-per-second=0.0003";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CustomerIoAutoConfiguration.class, CustomerIoTrackAutoConfiguration.class,
				CustomerIoMetricsAutoConfiguration.class))
		.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key");

	private final ApplicationContextRunner withResilience4jSpringBoot = this.runner
		.withConfiguration(AutoConfigurations.of(RateLimiterAutoConfiguration.class, RetryAutoConfiguration.class,
				RateLimiterMetricsAutoConfiguration.class, RetryMetricsAutoConfiguration.class));

	@Test
	void bindsResilience4jMetersOfOurInstancesWithoutResilience4jSpringBoot() {
		this.runner.withClassLoader(WITHOUT_RESILIENCE4J_SPRING_BOOT).run((context) -> {
			assertThat(context).hasBean("customerIoRateLimiterMetrics").hasBean("customerIoRetryMetrics");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("resilience4j.ratelimiter.available.permissions").tag("name", INSTANCE).gauge())
				.isNotNull();
			assertThat(registry.find("resilience4j.retry.calls").tag("name", INSTANCE).functionCounters()).isNotEmpty();
		});
	}

	@Test
	void theBoundGaugesReadOurOwnLimiter() {
		// a rate so low that no permit comes back between draining and reading the gauge, however slow the machine
		this.runner.withClassLoader(WITHOUT_RESILIENCE4J_SPRING_BOOT)
			.withPropertyValues(ONE_PERMIT_AN_HOUR)
			.run((context) -> {
				trackLimiter(context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN, ApiResilience.class))
					.drainPermissions();
				Gauge available = context.getBean(MeterRegistry.class)
					.get("resilience4j.ratelimiter.available.permissions")
					.tag("name", INSTANCE)
					.gauge();
				assertThat(available.value()).isLessThanOrEqualTo(0);
			});
	}

	@Test
	void backsOffWhenResilience4jSpringBootBindsTheMeters() {
		this.withResilience4jSpringBoot.run((context) -> {
			assertThat(context).doesNotHaveBean("customerIoRateLimiterMetrics").doesNotHaveBean("customerIoRetryMetrics");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("resilience4j.ratelimiter.available.permissions").tag("name", INSTANCE).gauges())
				.hasSize(1);
			assertThat(registry.find("resilience4j.retry.calls").tag("name", INSTANCE).tag("kind", "successful_without_retry")
				.functionCounters()).hasSize(1);
		});
	}

	@Test
	void resilience4jSpringBootMetersReadOurOwnLimiterNotThePlaceholder() {
		this.withResilience4jSpringBoot.withPropertyValues(ONE_PERMIT_AN_HOUR).run((context) -> {
			trackLimiter(context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN, ApiResilience.class))
				.drainPermissions();
			Gauge available = context.getBean(MeterRegistry.class)
				.get("resilience4j.ratelimiter.available.permissions")
				.tag("name", INSTANCE)
				.gauge();
			assertThat(available.value()).isLessThanOrEqualTo(0);
		});
	}

	@Test
	void ourInstancesAreInResilience4jSpringBootsRegistries() {
		this.withResilience4jSpringBoot.run((context) -> {
			assertThat(context.getBean(RateLimiterRegistry.class).find(INSTANCE)).get()
				.isSameAs(context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN, ApiResilience.class)
					.rateLimiter());
			assertThat(context.getBean(RetryRegistry.class).find(INSTANCE)).get()
				.isSameAs(context.getBean(CustomerIoTrackAutoConfiguration.RESILIENCE_BEAN, ApiResilience.class).retry());
		});
	}

	@Test
	void backsOffWithoutResilience4jMicrometer() {
		this.runner
			.withClassLoader(
					new FilteredClassLoader("io.github.resilience4j.springboot", "io.github.resilience4j.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("customerIoRateLimiterMetrics")
				.doesNotHaveBean("customerIoRetryMetrics"));
	}

	@Test
	void backsOffWithoutMicrometerBinders() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class.getName(), "io.github.resilience4j.springboot"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("customerIoRateLimiterMetrics")
				.doesNotHaveBean("customerIoRetryMetrics"));
	}

	@Test
	void withoutAMeterRegistryTheClientsStillWork() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CustomerIoAutoConfiguration.class,
					CustomerIoTrackAutoConfiguration.class, CustomerIoMetricsAutoConfiguration.class))
			.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key")
			.withClassLoader(WITHOUT_RESILIENCE4J_SPRING_BOOT)
			.run((context) -> {
				assertThat(context).hasSingleBean(TrackClient.class).doesNotHaveBean(MeterRegistry.class);
				assertThat(context.getBean(CustomerIoMeters.class).registry()).isNotNull();
			});
	}

	@Test
	void aUserBinderReplacesOurs() {
		this.runner.withClassLoader(WITHOUT_RESILIENCE4J_SPRING_BOOT)
			.withBean("customerIoRateLimiterMetrics", TaggedRateLimiterMetrics.class,
					() -> TaggedRateLimiterMetrics.ofRateLimiterRegistry(RateLimiterRegistry.ofDefaults()))
			.run((context) -> assertThat(context.getBean(MeterRegistry.class)
				.find("resilience4j.ratelimiter.available.permissions")
				.tag("name", INSTANCE)
				.gauge()).isNull());
	}

	@Test
	void nothingWhenCustomerIoIsDisabled() {
		this.runner.withClassLoader(WITHOUT_RESILIENCE4J_SPRING_BOOT)
			.withPropertyValues("customerio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("customerIoRateLimiterMetrics"));
	}

	private static RateLimiter trackLimiter(ApiResilience resilience) {
		return resilience.rateLimiter();
	}

}
