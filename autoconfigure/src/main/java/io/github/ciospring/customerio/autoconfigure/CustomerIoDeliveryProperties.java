package io.github.ciospring.customerio.autoconfigure;

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
 * @param maxBatchBytes largest /api/v2/batch request body, from 32780B to 511999B: Customer.io requires a batch
 * "smaller than 500kb" (default 500000B)
 * @param linger how long a lone operation waits for others to share its request (default 200ms)
 * @param concurrency most batch requests in flight at once, rate-limit waits included (default 8)
 * @param offerTimeout how long offer() waits for space when the queue is full; 0 fails at once, and offer never
 * waits on a non-blocking thread (default 0s)
 * @param drainTimeout how long shutdown may deliver what is held before failing the rest to the failure handler;
 * keep it below spring.lifecycle.timeout-per-shutdown-phase (default 20s)
 * @param redeliveryAttempts how often a batch is sent again after the Track client's retries gave up on a
 * transient failure (default 3)
 * @param redeliveryDelay how long a batch waits before it is sent again (default 10s)
 */
@ConfigurationProperties("customerio.delivery")
public record CustomerIoDeliveryProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("100000") int capacityItems, @DefaultValue("64MB") DataSize capacityBytes,
		@DefaultValue("1000") int maxBatchItems, @DefaultValue("500000B") DataSize maxBatchBytes,
		@DefaultValue("200ms") Duration linger, @DefaultValue("8") int concurrency,
		@DefaultValue("0s") Duration offerTimeout, @DefaultValue("20s") Duration drainTimeout,
		@DefaultValue("3") int redeliveryAttempts, @DefaultValue("10s") Duration redeliveryDelay) {

	DeliverySettings toSettings() {
		return new DeliverySettings(this.capacityItems, this.capacityBytes.toBytes(), this.maxBatchItems,
				(int) Math.min(Integer.MAX_VALUE, this.maxBatchBytes.toBytes()), this.linger, this.concurrency,
				this.offerTimeout, this.drainTimeout, this.redeliveryAttempts, this.redeliveryDelay);
	}

}
