package io.github.ciospring.customerio.app;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Customer.io's answer to a transactional send: the message was queued.
 *
 * @param deliveryId the delivery's id, to find it in the delivery log and in reporting webhooks
 * @param queuedAt when it was queued
 */
public record TransactionalResponse(@JsonProperty("delivery_id") String deliveryId,
		@JsonProperty("queued_at") Instant queuedAt) {
}
