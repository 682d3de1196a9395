package io.github.ciospring.customerio.autoconfigure;

import io.github.ciospring.customerio.delivery.DeliveryFailureHandler;
import io.github.ciospring.customerio.delivery.LoggingDeliveryFailureHandler;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.track.TrackClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The high-volume delivery queue in front of the Track client: {@link TrackDeliveryQueue}, its
 * {@link DeliveryFailureHandler} (by default {@link LoggingDeliveryFailureHandler}) and the lifecycle that drains
 * it on shutdown. On whenever a {@link TrackClient} exists, unless {@code customerio.delivery.enabled=false}.
 */
@AutoConfiguration(after = CustomerIoTrackAutoConfiguration.class)
@ConditionalOnBean(TrackClient.class)
@ConditionalOnBooleanProperty(name = "customerio.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "customerio.delivery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CustomerIoDeliveryProperties.class)
public final class CustomerIoDeliveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeliveryFailureHandler customerIoDeliveryFailureHandler() {
		return new LoggingDeliveryFailureHandler();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TrackDeliveryQueue trackDeliveryQueue(TrackClient trackClient, CustomerIoDeliveryProperties properties,
			DeliveryFailureHandler failureHandler, ObjectProvider<CustomerIoMeters> meters) {
		CustomerIoMeters customerIoMeters = meters.getIfAvailable();
		return TrackDeliveryQueue.builder(trackClient)
			.settings(properties.toSettings())
			.failureHandler(failureHandler)
			.meterRegistry((customerIoMeters != null) ? customerIoMeters.registry() : null)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	TrackDeliveryQueueLifecycle trackDeliveryQueueLifecycle(TrackDeliveryQueue queue) {
		return new TrackDeliveryQueueLifecycle(queue);
	}

}
