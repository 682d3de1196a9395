package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.Map;

import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.Ulid;

/**
 * An event of an identified person ({@code POST /api/v1/customers/{identifier}/events}). It gets a ULID
 * {@code id} when it is created; the same id is sent on every retry, and Customer.io drops repeats, so
 * retrying an event never records it twice.
 *
 * @param identifier the person's id, email, or {@code cio_<id>}
 * @param name the event name; for page views the URL, for screen views the screen name
 * @param data the event's data, usable in messages
 * @param timestamp when it happened; {@code null} for now
 * @param type event, page or screen
 * @param id the deduplication ULID; generated when {@code null}
 */
public record Event(String identifier, String name, Map<String, Object> data, Instant timestamp, EventType type,
		String id) {

	public Event {
		identifier = TrackLimits.identifier("identifier", identifier);
		name = TrackLimits.eventName("name", name);
		data = TrackLimits.eventData("data", data);
		type = (type != null) ? type : EventType.EVENT;
		id = (id != null) ? id : Ulid.next();
	}

	/** An event with data, happening now. */
	public static Event of(String identifier, String name, Map<String, ?> data) {
		return new Event(identifier, name, JsonPayloads.orderedCopy(data), null, EventType.EVENT, null);
	}

	/** A page view: the name is the page's URL. */
	public static Event page(String identifier, String url, Map<String, ?> data) {
		return new Event(identifier, url, JsonPayloads.orderedCopy(data), null, EventType.PAGE, null);
	}

	/** A mobile screen view. */
	public static Event screen(String identifier, String screenName, Map<String, ?> data) {
		return new Event(identifier, screenName, JsonPayloads.orderedCopy(data), null, EventType.SCREEN, null);
	}

	/** This event, happening at the given time. */
	public Event at(Instant timestamp) {
		return new Event(this.identifier, this.name, this.data, timestamp, this.type, this.id);
	}

}
