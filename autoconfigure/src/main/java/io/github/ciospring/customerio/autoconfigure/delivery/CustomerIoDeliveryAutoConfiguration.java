package io.github.ciospring.customerio.autoconfigure.delivery;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import io.github.ciospring.customerio.autoconfigure.CustomerIoTrackAutoConfiguration;
import io.github.ciospring.customerio.delivery.DeliveryFailureHandler;
import io.github.ciospring.customerio.delivery.DeliveryStore;
import io.github.ciospring.customerio.delivery.JdbcDeliveryStore;
import io.github.ciospring.customerio.delivery.OutboxPlatform;
import io.github.ciospring.customerio.delivery.DeliveryQueueStatus;
import io.github.ciospring.customerio.delivery.LoggingDeliveryFailureHandler;
import io.github.ciospring.customerio.delivery.TrackDeliveryQueue;
import io.github.ciospring.customerio.http.CustomerIoMeters;
import io.github.ciospring.customerio.track.TrackClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The high-volume delivery queue in front of the Track client: {@link TrackDeliveryQueue}, its
 * {@link DeliveryFailureHandler} (by default {@link LoggingDeliveryFailureHandler}), the lifecycle that drains
 * it on shutdown, and its {@link DeliveryQueueStatus} for health and the {@code customerio} endpoint. On whenever
 * a {@link TrackClient} exists, unless {@code customerio.delivery.enabled=false}. With
 * {@code customerio.delivery.store=jdbc} the queue keeps operations in the application's {@link DataSource}
 * (a {@link JdbcDeliveryStore}), whose table is created as {@code customerio.delivery.jdbc.initialize-schema} says.
 */
@AutoConfiguration(after = CustomerIoTrackAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
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
			DeliveryFailureHandler failureHandler, ObjectProvider<CustomerIoMeters> meters,
			ObjectProvider<DeliveryStore> store) {
		CustomerIoMeters customerIoMeters = meters.getIfAvailable();
		DeliveryStore deliveryStore = store.getIfAvailable();
		if (properties.store() == CustomerIoDeliveryProperties.Store.JDBC && deliveryStore == null) {
			throw new IllegalStateException("customerio.delivery.store=jdbc needs spring-jdbc on the classpath and a"
					+ " DataSource bean (add spring-boot-starter-jdbc), or set customerio.delivery.store=memory");
		}
		return TrackDeliveryQueue.builder(trackClient)
			.settings(properties.toSettings())
			.store(deliveryStore)
			.failureHandler(failureHandler)
			.meterRegistry((customerIoMeters != null) ? customerIoMeters.registry() : null)
			.build();
	}

	/** The queue's fill, for the {@code customerio} health contributor and endpoint. */
	@Bean
	@ConditionalOnMissingBean(name = "trackDeliveryQueueStatus")
	DeliveryQueueStatus trackDeliveryQueueStatus(TrackDeliveryQueue queue) {
		return new TrackDeliveryQueueStatus(queue);
	}

	@Bean
	@ConditionalOnMissingBean
	TrackDeliveryQueueLifecycle trackDeliveryQueueLifecycle(TrackDeliveryQueue queue) {
		return new TrackDeliveryQueueLifecycle(queue);
	}

	/** The outbox: {@code customerio.delivery.store=jdbc}, in the application's {@link DataSource}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
	@ConditionalOnProperty(name = "customerio.delivery.store", havingValue = "jdbc")
	static class OutboxConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CustomerIoOutboxSchemaInitializer customerIoOutboxSchemaInitializer(ObjectProvider<DataSource> dataSource,
				CustomerIoDeliveryProperties properties) {
			DataSource database = requireDataSource(dataSource);
			return new CustomerIoOutboxSchemaInitializer(database, platform(database),
					properties.jdbc().initializeSchema(), properties.jdbc().tablePrefix());
		}

		@Bean
		@ConditionalOnMissingBean(DeliveryStore.class)
		JdbcDeliveryStore customerIoDeliveryStore(ObjectProvider<DataSource> dataSource,
				CustomerIoDeliveryProperties properties, ObjectProvider<CustomerIoOutboxSchemaInitializer> schema) {
			schema.ifAvailable((initializer) -> {
				// created (and run) before the store checks the table
			});
			CustomerIoDeliveryProperties.Jdbc jdbc = properties.jdbc();
			JdbcDeliveryStore store = JdbcDeliveryStore.builder(requireDataSource(dataSource))
				.tableName(jdbc.tableName())
				.pollInterval(jdbc.pollInterval())
				.claimTimeout(jdbc.claimTimeout())
				.build();
			store.verifyTable();
			return store;
		}

		private static DataSource requireDataSource(ObjectProvider<DataSource> dataSource) {
			DataSource database = dataSource.getIfUnique();
			if (database == null) {
				throw new IllegalStateException("customerio.delivery.store=jdbc needs a single DataSource bean (the"
						+ " application's database holds the outbox); none or several found. Configure"
						+ " spring.datasource.*, or set customerio.delivery.store=memory");
			}
			return database;
		}

		private static OutboxPlatform platform(DataSource dataSource) {
			try {
				return OutboxPlatform.of(JdbcUtils.extractDatabaseMetaData(dataSource,
						DatabaseMetaData::getDatabaseProductName));
			}
			catch (MetaDataAccessException ex) {
				throw new IllegalStateException("customerio.delivery.store=jdbc: the DataSource cannot be reached to"
						+ " tell its database", ex);
			}
		}

	}

}
