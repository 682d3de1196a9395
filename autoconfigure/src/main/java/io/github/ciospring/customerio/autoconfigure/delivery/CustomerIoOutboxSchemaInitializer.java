package io.github.ciospring.customerio.autoconfigure.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.ciospring.customerio.delivery.OutboxPlatform;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.util.StreamUtils;

/**
 * Creates the delivery outbox table, as Boot does for Spring Batch, Session and Quartz: a
 * {@link DataSourceScriptDatabaseInitializer}, so Boot orders the beans that use the database after it. Runs the
 * platform's {@code schema-<platform>.sql} with the configured table prefix.
 */
class CustomerIoOutboxSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	private final String tablePrefix;

	CustomerIoOutboxSchemaInitializer(DataSource dataSource, OutboxPlatform platform,
			CustomerIoDeliveryProperties.InitializeSchema mode, String tablePrefix) {
		super(dataSource, settings(platform, mode));
		this.tablePrefix = tablePrefix;
	}

	private static DatabaseInitializationSettings settings(OutboxPlatform platform,
			CustomerIoDeliveryProperties.InitializeSchema initializeSchema) {
		DatabaseInitializationMode mode = DatabaseInitializationMode.valueOf(initializeSchema.name());
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(List.of(platform.schemaLocation()));
		settings.setMode(mode);
		return settings;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		List<Resource> prefixed = new ArrayList<>();
		for (Resource script : scripts) {
			try {
				String sql = StreamUtils.copyToString(script.getInputStream(), StandardCharsets.UTF_8);
				prefixed.add(new ByteArrayResource(
						sql.replace("CUSTOMERIO_DELIVERY_OUTBOX", this.tablePrefix + "DELIVERY_OUTBOX")
							.getBytes(StandardCharsets.UTF_8),
						script.getDescription()));
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException("Customer.io outbox schema script " + script + " cannot be read", ex);
			}
		}
		super.runScripts(new Scripts(prefixed).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(scripts.getEncoding()));
	}

}
