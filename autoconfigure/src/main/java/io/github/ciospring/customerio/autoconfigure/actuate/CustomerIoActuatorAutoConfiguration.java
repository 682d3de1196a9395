package io.github.ciospring.customerio.autoconfigure.actuate;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.github.ciospring.customerio.Region;
import io.github.ciospring.customerio.app.AppClient;
import io.github.ciospring.customerio.autoconfigure.CustomerIoAutoConfiguration;
import io.github.ciospring.customerio.autoconfigure.CustomerIoHttpClientFactory;
import io.github.ciospring.customerio.autoconfigure.CustomerIoProperties;
import io.github.ciospring.customerio.autoconfigure.actuate.endpoint.CustomerIoEndpoint;
import io.github.ciospring.customerio.autoconfigure.actuate.endpoint.CustomerIoSanitizingFunction;
import io.github.ciospring.customerio.autoconfigure.actuate.health.ActiveCheck;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoApiHealthIndicator;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoHealthContributor;
import io.github.ciospring.customerio.autoconfigure.actuate.health.CustomerIoHealthProperties;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.resilience.ApiResilience;
import io.github.ciospring.customerio.track.RegionInfo;
import io.github.ciospring.customerio.track.TrackClient;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Actuator shows of the Customer.io clients: the {@code customerio} health contributor, the
 * {@code customerio} endpoint, and masking of Customer.io keys in {@code configprops} and {@code env}. Each part
 * needs its own Actuator module and switches off with Actuator's usual properties
 * ({@code management.health.customerio.enabled}, {@code management.endpoint.customerio.access}).
 */
@AutoConfiguration(after = CustomerIoAutoConfiguration.class)
@ConditionalOnBean(CustomerIoMeters.class)
public final class CustomerIoActuatorAutoConfiguration {

	/** The {@code customerio} health contributor; the bean name gives the contributor its name. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Mono.class, ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("customerio")
	@EnableConfigurationProperties(CustomerIoHealthProperties.class)
	static final class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "customerioHealthContributor", "customerioHealthIndicator" })
		CustomerIoHealthContributor customerioHealthContributor(ObjectProvider<ApiResilience> resiliences,
				CustomerIoMeters meters, ObjectProvider<DeliveryQueueStatus> queues,
				CustomerIoHealthProperties health, CustomerIoProperties properties,
				ObjectProvider<TrackClient> trackClient, ObjectProvider<AppClient> appClient) {
			Clock clock = Clock.systemUTC();
			Map<String, CustomerIoApiHealthIndicator.Check<?>> checks = new HashMap<>();
			CustomerIoHealthProperties.ActiveCheck active = health.activeCheck();
			if (active.enabled()) {
				TrackClient track = trackClient.getIfAvailable();
				if (track != null) {
					checks.put("track", new CustomerIoApiHealthIndicator.Check<>(
							new ActiveCheck<>(track::region, active.ttl(), active.timeout(), clock),
							(info) -> wrongRegion(info, properties.region()),
							(info) -> Map.of("region", String.valueOf(info.region()))));
				}
				AppClient app = appClient.getIfAvailable();
				if (app != null) {
					checks.put("app", new CustomerIoApiHealthIndicator.Check<>(
							new ActiveCheck<>(app::listExports, active.ttl(), active.timeout(), clock),
							(exports) -> null, (exports) -> Map.of()));
				}
			}
			return new CustomerIoHealthContributor(resiliences, meters.recentOutcomes(), queues, health, checks,
					clock);
		}

		private static String wrongRegion(RegionInfo info, Region expected) {
			if (expected.name().equalsIgnoreCase(String.valueOf(info.region()))) {
				return null;
			}
			return "the account lives in region '" + info.region() + "' but customerio.region is '"
					+ expected.name().toLowerCase(Locale.ROOT) + "'";
		}

	}

	/** The {@code customerio} endpoint. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	@ConditionalOnAvailableEndpoint(CustomerIoEndpoint.class)
	static final class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CustomerIoEndpoint customerIoEndpoint(CustomerIoProperties properties,
				ObjectProvider<ApiResilience> resiliences, CustomerIoMeters meters,
				ObjectProvider<CustomerIoHttpClientFactory> httpClients, ObjectProvider<DeliveryQueueStatus> queues) {
			return new CustomerIoEndpoint(properties, resiliences, meters, httpClients, queues, Clock.systemUTC());
		}

	}

	/** Masks Customer.io keys in {@code configprops} and {@code env}, even with {@code show-values=always}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static final class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "customerIoSanitizingFunction")
		SanitizingFunction customerIoSanitizingFunction() {
			return new CustomerIoSanitizingFunction();
		}

	}

}
