package io.github.ciospring.customerio.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The properties-backed {@link CustomerIoConnectionDetails}, unless another bean of that type (a
 * {@code @ServiceConnection}, the test kit) is present. Imported by each API's auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CustomerIoTrackProperties.class, CustomerIoAppProperties.class,
		CustomerIoPipelinesProperties.class })
class CustomerIoConnectionDetailsConfiguration {

	@Bean
	@ConditionalOnMissingBean(CustomerIoConnectionDetails.class)
	PropertiesCustomerIoConnectionDetails customerIoConnectionDetails(CustomerIoProperties common,
			CustomerIoTrackProperties track, CustomerIoAppProperties app, CustomerIoPipelinesProperties pipelines) {
		return new PropertiesCustomerIoConnectionDetails(common, track, app, pipelines);
	}

}
