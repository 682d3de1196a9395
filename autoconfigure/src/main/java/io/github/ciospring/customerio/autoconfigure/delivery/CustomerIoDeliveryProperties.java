package io.github.ciospring.customerio.autoconfigure.delivery;

import java.time.Duration;

import io.github.ciospring.customerio.delivery.DeliverySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The high-volume delivery queue ({@code TrackDeliveryQueue}) in front of the Track client.
 *
 * @param enabled whether to create the queue when a TrackClient bean exists (default true)
 * @param capacityItems most operations held at once, queued, in flight or awaiting redelivery (default 100000)
 * @param capacityBytes most bytes of operation JSON held at once, at least 64KB (default 64MB)
 * @param maxBatchItems most operations in one /api/v2/batch request (default 1000)
 * @param maxBatchBytes largest /api/v2/batch request body, from 32012B to 499999B: Customer.io requires a batch
 * "smaller than 500kb", read as 500,000 bytes (default 499999B)
 * @param linger how long a lone operation waits for others to share its request (default 200ms)
 * @param concurrency most batch requests in flight at once, rate-limit waits included (default 8)
 * @param offerTimeout how long offer() waits for space when the queue is full; 0 fails at once, and offer never
 * waits on a non-blocking thread (default 0s)
 * @param drainTimeout how long shutdown may deliver what is held before failing the rest to the failure handler;
 * keep it below spring.lifecycle.timeout-per-shutdown-phase (default 20s)
 * @param redeliveryAttempts how often a batch is sent again after the Track client's retries gave up on a
 * transient failure (default 3)
 * @param redeliveryDelay how long a batch waits before it is sent again (default 10s)
 * @param store where accepted operations wait: memory (lost on a crash, failed at the drain deadline) or jdbc, the
 * outbox in the application's DataSource (joins its transactions, survives restarts, shared by instances)
 * (default memory)
 * @param jdbc the outbox, when store is jdbc
 */
@ConfigurationProperties("customerio.delivery")
public record CustomerIoDeliveryProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("100000") int capacityItems, @DefaultValue("64MB") DataSize capacityBytes,
		@DefaultValue("1000") int maxBatchItems, @DefaultValue("499999B") DataSize maxBatchBytes,
		@DefaultValue("200ms") Duration linger, @DefaultValue("8") int concurrency,
		@DefaultValue("0s") Duration offerTimeout, @DefaultValue("20s") Duration drainTimeout,
		@DefaultValue("3") int redeliveryAttempts, @DefaultValue("10s") Duration redeliveryDelay,
		@DefaultValue("memory") Store store, @DefaultValue Jdbc jdbc) {

	/** Where accepted operations wait until they are delivered or failed. */
	public enum Store {

		/** In the application's memory, bounded by capacity-items and capacity-bytes. */
		MEMORY,

		/** In a table of the application's DataSource: the outbox. */
		JDBC

	}

	/**
	 * The outbox ({@code customerio.delivery.store=jdbc}).
	 *
	 * @param initializeSchema whether to create the table at startup: embedded (only in an embedded database),
	 * always, or never (default embedded)
	 * @param tablePrefix the prefix of the table name, {@code <prefix>DELIVERY_OUTBOX} (default CUSTOMERIO_)
	 * @param pollInterval how often rows of other instances and from before a restart are looked for; rows this
	 * instance commits are claimed when a batch is full or after the linger (default 1s)
	 * @param claimTimeout how long a claimed batch stays with the instance that claimed it before other instances
	 * may send it, renewed until its rows are deleted; keep it well above the Track client's longest retry
	 * sequence (default 2m)
	 */
	public record Jdbc(@DefaultValue("embedded") InitializeSchema initializeSchema,
			@DefaultValue("CUSTOMERIO_") String tablePrefix, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("2m") Duration claimTimeout) {

		/** The outbox table's name. */
		public String tableName() {
			return this.tablePrefix + "DELIVERY_OUTBOX";
		}

	}

	/**
	 * When the outbox table is created, as Boot's {@code spring.sql.init.mode}. Our own type, so these properties
	 * bind in applications without Boot's SQL support on the classpath (every application that keeps the
	 * in-memory store).
	 */
	public enum InitializeSchema {

		/** Only in an embedded database (H2, HSQLDB, Derby). */
		EMBEDDED,

		/** Always. */
		ALWAYS,

		/** Never: the table must exist. */
		NEVER

	}

	DeliverySettings toSettings() {
		return new DeliverySettings(this.capacityItems, this.capacityBytes.toBytes(), this.maxBatchItems,
				(int) Math.min(Integer.MAX_VALUE, this.maxBatchBytes.toBytes()), this.linger, this.concurrency,
				this.offerTimeout, this.drainTimeout, this.redeliveryAttempts, this.redeliveryDelay);
	}

}
