package io.github.ciospring.customerio.test.sandbox;

import java.util.Map;

/**
 * A broadcast trigger the App API accepted ({@code POST /v1/campaigns/{id}/triggers}).
 *
 * @param broadcastId the broadcast's id
 * @param body the request body (for example {@code data}, {@code recipients}, {@code ids}); empty when none
 * @param triggerId the trigger id the sandbox answered
 */
public record RecordedBroadcast(long broadcastId, Map<String, Object> body, long triggerId) {

	public RecordedBroadcast {
		body = Recordings.copy(body);
	}

}
