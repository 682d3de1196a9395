package io.github.ciospring.customerio.autoconfigure.actuate.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code customerio} health contributor (switched off with {@code management.health.customerio.enabled=false}).
 *
 * @param queueFillThreshold the fill ({@code size / capacity}) from which a delivery queue counts as over its
 * threshold, default 0.9
 * @param queueBackpressureOutOfService whether a delivery queue over its threshold makes {@code customerio/delivery}
 * {@code OUT_OF_SERVICE} (for readiness that follows backpressure); default false: a detail under {@code UP}
 * @param activeCheck an optional check against Customer.io itself, off by default
 */
@ConfigurationProperties("customerio.health")
public record CustomerIoHealthProperties(@DefaultValue("0.9") double queueFillThreshold,
		@DefaultValue("false") boolean queueBackpressureOutOfService, @DefaultValue ActiveCheck activeCheck) {

	public CustomerIoHealthProperties {
		if (!(queueFillThreshold > 0 && queueFillThreshold <= 1)) {
			throw new IllegalArgumentException(
					"customerio.health.queue-fill-threshold must be in (0, 1], was " + queueFillThreshold);
		}
	}

	/**
	 * The active check: one cheap authenticated call per configured API, through its client (rate limiter and
	 * retry), at most once per {@code ttl} however often health is probed, so probes never eat the rate budget.
	 * Track: {@code GET /api/v1/accounts/region} (credentials and region); App: {@code GET /v1/exports}
	 * (credentials); Pipelines has no read endpoint to call, so it has none.
	 *
	 * @param enabled whether health calls Customer.io, default false (health then makes no network call)
	 * @param ttl how long one answer is reused, default 5m
	 * @param timeout how long one check may take before it counts as failed, default 10s
	 */
	public record ActiveCheck(@DefaultValue("false") boolean enabled, @DefaultValue("5m") Duration ttl,
			@DefaultValue("10s") Duration timeout) {

	}

}
