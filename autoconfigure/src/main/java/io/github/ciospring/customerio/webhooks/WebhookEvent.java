package io.github.ciospring.customerio.webhooks;

import java.time.Instant;

/**
 * A reporting webhook event about a webhook action's call.
 *
 * @param eventId Customer.io's id of the event
 * @param metric what happened
 * @param timestamp when
 * @param data the message, its recipient and where it came from
 * @param json the request body as received
 */
public record WebhookEvent(String eventId, Metric metric, Instant timestamp, MessageData data, String json)
		implements MessageEvent {

	@Override
	public ObjectType objectType() {
		return ObjectType.WEBHOOK;
	}

}
