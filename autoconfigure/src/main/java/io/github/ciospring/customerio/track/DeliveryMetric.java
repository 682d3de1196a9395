package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PayloadLimits;

/**
 * A message metric reported back to Customer.io ({@code POST /api/v1/metrics}), for example an open or a click
 * seen outside Customer.io.
 *
 * @param deliveryId the delivery the metric belongs to
 * @param metric what happened
 * @param timestamp when it happened; {@code null} for now
 * @param recipient the recipient (for bounces, drops and opens)
 * @param reason why (for bounces, drops, deferrals)
 * @param href the link clicked (for clicks)
 */
public record DeliveryMetric(String deliveryId, Metric metric, Instant timestamp, String recipient, String reason,
		String href) {

	public DeliveryMetric {
		PayloadLimits.requireText("deliveryId", deliveryId);
		if (metric == null) {
			throw new CustomerIoValidationException("metric", "one of " + Arrays.toString(Metric.values()),
					"must not be null");
		}
	}

	public static DeliveryMetric of(String deliveryId, Metric metric) {
		return new DeliveryMetric(deliveryId, metric, null, null, null, null);
	}

	/** The metrics Customer.io accepts. */
	public enum Metric {

		BOUNCED, CLICKED, CONVERTED, DEFERRED, DELIVERED, DROPPED, OPENED, SPAMMED;

		@JsonValue
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
