package io.github.ciospring.customerio.autoconfigure;

import java.util.List;

import io.github.ciospring.customerio.resilience.PausableRateLimiter;
import io.github.resilience4j.common.ratelimiter.monitoring.endpoint.RateLimiterEventDTO;
import io.github.resilience4j.consumer.EventConsumerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.event.RateLimiterEvent;
import io.github.resilience4j.springboot.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot.ratelimiter.monitoring.endpoint.RateLimiterEventsEndpoint;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of our limiters reach the consumers Resilience4j Spring Boot registers through its registry, which its
 * {@code ratelimiterevents} endpoint reads, when an instance subscribes for events.
 */
class CustomerIoRateLimiterEventsTests {

	private static final String INSTANCE = "customerio-track";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RateLimiterAutoConfiguration.class, RetryAutoConfiguration.class,
				CustomerIoAutoConfiguration.class, CustomerIoTrackAutoConfiguration.class))
		.withPropertyValues("customerio.track.site-id=site", "customerio.track.api-key=key",
				"customerio.track.rate-limit.requests-per-second=0.0003");

	@Test
	void grantedAndRefusedPermitsReachTheEventsEndpoint() {
		this.runner.withPropertyValues("resilience4j.ratelimiter.instances." + INSTANCE + ".subscribe-for-events=true")
			.run((context) -> {
				RateLimiter limiter = context.getBean(RateLimiterRegistry.class).rateLimiter(INSTANCE);
				assertThat(limiter).isInstanceOf(PausableRateLimiter.class);

				assertThat(limiter.reservePermission(1)).isZero();
				assertThat(limiter.reservePermission(1)).as("one permit an hour: the next is beyond the timeout")
					.isEqualTo(-1);

				@SuppressWarnings("unchecked")
				EventConsumerRegistry<RateLimiterEvent> consumers = context.getBean("rateLimiterEventsConsumerRegistry",
						EventConsumerRegistry.class);
				List<RateLimiterEventDTO> events = new RateLimiterEventsEndpoint(consumers)
					.getEventsFilteredByRateLimiterName(INSTANCE)
					.getRateLimiterEvents();
				assertThat(events).extracting(RateLimiterEventDTO::getType)
					.containsExactly(RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE, RateLimiterEvent.Type.FAILED_ACQUIRE);
				assertThat(events).extracting(RateLimiterEventDTO::getRateLimiterName).containsOnly(INSTANCE);
			});
	}

	@Test
	void withoutASubscriptionNoEventsAreBuffered() {
		this.runner.run((context) -> {
			context.getBean(RateLimiterRegistry.class).rateLimiter(INSTANCE).reservePermission(1);

			@SuppressWarnings("unchecked")
			EventConsumerRegistry<RateLimiterEvent> consumers = context.getBean("rateLimiterEventsConsumerRegistry",
						EventConsumerRegistry.class);
			assertThat(consumers.getEventConsumer(INSTANCE)).isNull();
		});
	}

}
