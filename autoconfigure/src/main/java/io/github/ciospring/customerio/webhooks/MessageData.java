package io.github.ciospring.customerio.webhooks;

import java.util.Map;

/**
 * The {@code data} of a message event. The common fields are typed; {@link #fields()} holds every field as sent,
 * including those not typed here (a {@code _sent} event's {@code content}, an in-app click's
 * {@code action_name}...). Any field may be {@code null}: which are present depends on the channel and metric.
 *
 * @param identifiers the person's identifiers ({@code id}, {@code email}, {@code cio_id})
 * @param customerId the person's id ({@code customer_id})
 * @param deliveryId the message's delivery id ({@code delivery_id})
 * @param recipient who it went to: an email address, phone number or device token ({@code recipient}, or
 * {@code email_address} in older payloads)
 * @param subject an email's subject
 * @param href the link clicked
 * @param linkId the id of the link clicked
 * @param failureMessage why it failed, bounced or was dropped
 * @param campaignId the campaign it came from
 * @param actionId the campaign or broadcast action that sent it
 * @param broadcastId the broadcast it came from
 * @param newsletterId the newsletter it came from
 * @param transactionalMessageId the transactional message it came from
 * @param journeyId the journey run it belongs to
 * @param fields every field of {@code data}, as sent
 */
public record MessageData(Map<String, String> identifiers, String customerId, String deliveryId, String recipient,
		String subject, String href, String linkId, String failureMessage, Long campaignId, Long actionId,
		Long broadcastId, Long newsletterId, Long transactionalMessageId, String journeyId,
		Map<String, Object> fields) {

}
