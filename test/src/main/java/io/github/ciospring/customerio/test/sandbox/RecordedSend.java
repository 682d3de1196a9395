package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;

/**
 * A transactional message the App API accepted ({@code /v1/send/email}, {@code push} or {@code sms}).
 *
 * @param channel {@code email}, {@code push} or {@code sms}
 * @param transactionalMessageId the template's id or trigger name, {@code null} for an inline message
 * @param identifiers the recipient's {@code identifiers}
 * @param to the {@code to} field, {@code null} when none was sent
 * @param messageData the {@code message_data}; empty when none was sent
 * @param body the whole request body, for fields not named here
 * @param deliveryId the {@code delivery_id} the sandbox answered
 */
public record RecordedSend(String channel, String transactionalMessageId, Map<String, Object> identifiers, String to,
		Map<String, Object> messageData, Map<String, Object> body, String deliveryId) {

	public RecordedSend {
		identifiers = Recordings.copy(identifiers);
		messageData = Recordings.copy(messageData);
		body = Recordings.copy(body);
	}

}
