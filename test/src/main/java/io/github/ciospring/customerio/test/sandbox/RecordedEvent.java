package io.github.ciospring.customerio.test.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * An event the Track API accepted, through v1 ({@code /api/v1/customers/{id}/events}, {@code /api/v1/events})
 * or v2 ({@code entity} and {@code batch} operations with action {@code event}, {@code page} or {@code screen}).
 *
 * @param person the person's identifier as sent (a v1 path identifier, or the value of the v2 operation's
 * {@code id}, {@code email} or {@code cio_id} identifier); {@code null} for an anonymous event
 * @param anonymousId the anonymous id of an anonymous event, else {@code null}
 * @param type {@code event}, {@code page} or {@code screen}
 * @param name the event's name
 * @param data the event's data (v1 {@code data}, v2 {@code attributes}); empty when none was sent
 * @param id the event's id (a ULID), {@code null} when none was sent
 * @param timestamp the event's own timestamp, {@code null} when none was sent
 */
public record RecordedEvent(String person, String anonymousId, String type, String name, Map<String, Object> data,
		String id, Instant timestamp) {

	public RecordedEvent {
		data = Recordings.copy(data);
	}

}
