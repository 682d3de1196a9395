package io.github.ciospring.customerio.webhooks;

import java.time.Instant;

/**
 * A verified event whose object type or metric is not a documented one (a new channel, a new metric), or whose
 * body is not the documented JSON: kept whole in {@link #json()}, never dropped.
 *
 * @param eventId Customer.io's id of the event, {@code null} when it could not be read
 * @param objectType the {@code object_type} as sent, {@code null} when absent
 * @param metric the {@code metric} as sent, {@code null} when absent
 * @param timestamp when it happened, {@code null} when absent
 * @param json the request body as received
 */
public record UnknownEvent(String eventId, String objectType, String metric, Instant timestamp, String json)
		implements ReportingEvent {

	@Override
	public String name() {
		return this.objectType + "_" + this.metric;
	}

}
