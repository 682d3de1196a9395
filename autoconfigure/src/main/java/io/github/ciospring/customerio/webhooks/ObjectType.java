package io.github.ciospring.customerio.webhooks;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static io.github.ciospring.customerio.webhooks.Metric.ATTEMPTED;
import static io.github.ciospring.customerio.webhooks.Metric.BOUNCED;
import static io.github.ciospring.customerio.webhooks.Metric.CLICKED;
import static io.github.ciospring.customerio.webhooks.Metric.CONVERTED;
import static io.github.ciospring.customerio.webhooks.Metric.DEFERRED;
import static io.github.ciospring.customerio.webhooks.Metric.DELIVERED;
import static io.github.ciospring.customerio.webhooks.Metric.DRAFTED;
import static io.github.ciospring.customerio.webhooks.Metric.DROPPED;
import static io.github.ciospring.customerio.webhooks.Metric.FAILED;
import static io.github.ciospring.customerio.webhooks.Metric.OPENED;
import static io.github.ciospring.customerio.webhooks.Metric.REPLIED;
import static io.github.ciospring.customerio.webhooks.Metric.SENT;
import static io.github.ciospring.customerio.webhooks.Metric.SPAMMED;
import static io.github.ciospring.customerio.webhooks.Metric.SUBSCRIBED;
import static io.github.ciospring.customerio.webhooks.Metric.SUBSCRIPTION_PREFERENCES_CHANGED;
import static io.github.ciospring.customerio.webhooks.Metric.UNDELIVERABLE;
import static io.github.ciospring.customerio.webhooks.Metric.UNSUBSCRIBED;

import org.jspecify.annotations.Nullable;

/**
 * What a reporting webhook event is about ({@code object_type} in the payload), with the metrics each reports, as
 * listed by the {@code events} of Customer.io's reporting webhook API ({@code <object_type>_<metric>}).
 */
public enum ObjectType {

	CUSTOMER(EnumSet.of(SUBSCRIBED, UNSUBSCRIBED, SUBSCRIPTION_PREFERENCES_CHANGED)),

	EMAIL(EnumSet.of(DRAFTED, ATTEMPTED, SENT, DELIVERED, OPENED, CLICKED, CONVERTED, BOUNCED, DROPPED, DEFERRED,
			SPAMMED, FAILED, UNSUBSCRIBED, UNDELIVERABLE)),

	PUSH(EnumSet.of(DRAFTED, ATTEMPTED, SENT, DELIVERED, OPENED, CLICKED, CONVERTED, BOUNCED, DROPPED, FAILED,
			UNDELIVERABLE)),

	SMS(EnumSet.of(DRAFTED, ATTEMPTED, SENT, DELIVERED, CLICKED, CONVERTED, BOUNCED, DROPPED, FAILED, UNDELIVERABLE,
			REPLIED)),

	IN_APP(EnumSet.of(DRAFTED, ATTEMPTED, SENT, OPENED, CLICKED, CONVERTED, FAILED, UNDELIVERABLE)),

	SLACK(EnumSet.of(DRAFTED, ATTEMPTED, SENT, CLICKED, CONVERTED, FAILED)),

	WEBHOOK(EnumSet.of(DRAFTED, ATTEMPTED, SENT, CLICKED, CONVERTED, FAILED, UNDELIVERABLE)),

	WHATSAPP(EnumSet.of(DRAFTED, ATTEMPTED, SENT, DELIVERED, OPENED, CLICKED, CONVERTED, BOUNCED, DROPPED, FAILED,
			UNDELIVERABLE, REPLIED));

	private final Set<Metric> metrics;

	ObjectType(Set<Metric> metrics) {
		this.metrics = metrics;
	}

	/** The object type as Customer.io writes it, for example {@code in_app}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether Customer.io documents this metric for this object type. */
	public boolean reports(Metric metric) {
		return this.metrics.contains(metric);
	}

	/** The object type Customer.io means by that text, or {@code null} when it is not a documented one. */
	public static @Nullable ObjectType from(@Nullable String value) {
		for (ObjectType type : values()) {
			if (type.value().equals(value)) {
				return type;
			}
		}
		return null;
	}

}
