package io.github.ciospring.customerio.webhooks;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The metrics Customer.io reports through reporting webhooks ({@code metric} in the payload). Which metric an
 * object type can report is {@link ObjectType#reports(Metric)}.
 */
public enum Metric {

	SUBSCRIBED, UNSUBSCRIBED,
	/**
	 * A person changed their subscription preferences; the documented event name is
	 * {@code customer_subscription_preferences_changed}, and {@code cio_subscription_preferences_changed} is read as
	 * the same metric.
	 */
	SUBSCRIPTION_PREFERENCES_CHANGED, DRAFTED, ATTEMPTED, SENT, DELIVERED, OPENED, CLICKED, CONVERTED, BOUNCED,
	DROPPED, DEFERRED, SPAMMED, FAILED, UNDELIVERABLE, REPLIED;

	/** The metric as Customer.io writes it, for example {@code opened}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The metric Customer.io means by that text, or {@code null} when it is not one of the documented ones. */
	public static @Nullable Metric from(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String normalized = value.startsWith("cio_") ? value.substring(4) : value;
		for (Metric metric : values()) {
			if (metric.value().equals(normalized)) {
				return metric;
			}
		}
		return null;
	}

}
