package io.github.ciospring.customerio.pipelines;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.Ulid;

/**
 * What the message records share: defaults for the message id and timestamp, and the common part of the payload.
 */
final class Messages {

	private Messages() {
	}

	static String messageId(String messageId) {
		if (messageId == null) {
			return Ulid.next();
		}
		return PayloadLimits.requireText("messageId", messageId);
	}

	static Instant timestamp(Instant timestamp) {
		return PipelinesLimits.toMillis((timestamp != null) ? timestamp : Instant.now());
	}

	/** {@code type}, {@code messageId}, and the ids that are set, in that order. */
	static Map<String, Object> start(PipelinesMessage message) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", message.type());
		payload.put("messageId", message.messageId());
		JsonPayloads.putIfPresent(payload, "userId", message.userId());
		JsonPayloads.putIfPresent(payload, "anonymousId", message.anonymousId());
		return payload;
	}

	/** Adds {@code context} and {@code integrations} when not empty, then the ISO-8601 {@code timestamp}. */
	static Map<String, Object> finish(Map<String, Object> payload, PipelinesMessage message) {
		JsonPayloads.putIfNotEmpty(payload, "context", message.context());
		JsonPayloads.putIfNotEmpty(payload, "integrations", message.integrations());
		payload.put("timestamp", PipelinesLimits.iso(message.timestamp()));
		return payload;
	}

}
