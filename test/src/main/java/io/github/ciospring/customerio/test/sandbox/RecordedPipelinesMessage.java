package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;

/**
 * A Data Pipelines call the sandbox accepted, alone or in a {@code /v1/batch}.
 *
 * @param type {@code identify}, {@code track}, {@code page}, {@code screen}, {@code group} or {@code alias}
 * @param userId the {@code userId}, {@code null} when none was sent
 * @param anonymousId the {@code anonymousId}, {@code null} when none was sent
 * @param event the {@code event} of a track call (the {@code name} of a page or screen call), else {@code null}
 * @param traits the {@code traits}; empty when none were sent
 * @param properties the {@code properties}; empty when none were sent
 * @param messageId the {@code messageId}, {@code null} when none was sent
 */
public record RecordedPipelinesMessage(String type, String userId, String anonymousId, String event,
		Map<String, Object> traits, Map<String, Object> properties, String messageId) {

	public RecordedPipelinesMessage {
		traits = Recordings.copy(traits);
		properties = Recordings.copy(properties);
	}

}
