package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.Ulid;

/**
 * An event of someone not yet identified ({@code POST /api/v1/events}). Carries a ULID {@code id} made at
 * creation and reused on every retry.
 *
 * @param anonymousId the visitor's anonymous id, or {@code null} for an event that triggers campaigns without a
 * person (for example an invitation)
 * @param name the event name
 * @param data the event's data
 * @param timestamp when it happened; {@code null} for now
 * @param type event, page or screen
 * @param id the deduplication ULID; generated when {@code null}
 */
public record AnonymousEvent(String anonymousId, String name, Map<String, Object> data, Instant timestamp,
		EventType type, String id) {

	public AnonymousEvent {
		PayloadLimits.requireMaxBytes("anonymousId", anonymousId, TrackLimits.MAX_IDENTIFIER_BYTES);
		name = TrackLimits.eventName("name", name);
		data = TrackLimits.eventData("data", data);
		type = (type != null) ? type : EventType.EVENT;
		id = (id != null) ? id : Ulid.next();
	}

	public static AnonymousEvent of(String anonymousId, String name, Map<String, ?> data) {
		return new AnonymousEvent(anonymousId, name, JsonPayloads.orderedCopy(data), null, EventType.EVENT, null);
	}

}
