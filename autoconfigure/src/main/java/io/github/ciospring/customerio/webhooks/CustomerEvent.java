package io.github.ciospring.customerio.webhooks;

import java.time.Instant;
import java.util.Map;

/**
 * A reporting webhook event about a person: subscribed, unsubscribed, or changed their subscription preferences.
 *
 * @param eventId Customer.io's id of the event
 * @param metric what happened
 * @param timestamp when
 * @param identifiers the person's identifiers ({@code id}, {@code email}, {@code cio_id})
 * @param customerId the person's id ({@code customer_id})
 * @param emailAddress the person's email address ({@code email_address})
 * @param fields every field of {@code data}, as sent (the new preferences are in {@code content})
 * @param json the request body as received
 */
public record CustomerEvent(String eventId, Metric metric, Instant timestamp, Map<String, String> identifiers,
		String customerId, String emailAddress, Map<String, Object> fields, String json) implements ReportingEvent {

	@Override
	public String name() {
		return ObjectType.CUSTOMER.value() + "_" + this.metric.value();
	}

}
