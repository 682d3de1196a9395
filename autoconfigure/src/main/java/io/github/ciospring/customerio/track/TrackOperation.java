package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.Ulid;

/**
 * One Track API v2 operation on a person, for {@code POST /api/v2/entity} or as an item of
 * {@code POST /api/v2/batch}. Events get a ULID {@code id} at creation, reused on every retry.
 *
 * @param type always {@code person}
 * @param action identify, delete, event, page, screen, add_device, delete_device, suppress, unsuppress or merge
 * @param identifiers the person the operation is about ({@code null} for merge)
 * @param name the event name (events, pages, screens)
 * @param id the event's deduplication ULID (events, pages, screens)
 * @param timestamp when it happened, in Unix seconds; {@code null} for now
 * @param attributes the person's attributes (identify) or the event's data (events)
 * @param device the device (add_device, delete_device)
 * @param primary the person that remains (merge)
 * @param secondary the person merged into the primary and deleted (merge)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackOperation(String type, String action, PersonIdentifier identifiers, String name, String id,
		Long timestamp, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> attributes,
		Map<String, Object> device, PersonIdentifier primary, PersonIdentifier secondary) {

	public TrackOperation {
		if (!"person".equals(type)) {
			throw new CustomerIoValidationException("type", "person", "is '" + type + "'");
		}
		PayloadLimits.requireText("action", action);
		if (identifiers == null && !"merge".equals(action)) {
			throw new CustomerIoValidationException("identifiers", "required", "must not be null for action " + action);
		}
		attributes = ("identify".equals(action)) ? TrackLimits.attributes("attributes", attributes)
				: TrackLimits.eventData("attributes", attributes);
		if (name != null) {
			name = TrackLimits.eventName("name", name);
		}
	}

	public static TrackOperation identify(PersonIdentifier person, Map<String, ?> attributes) {
		return person("identify", person, null, null, attributes, null);
	}

	public static TrackOperation delete(PersonIdentifier person) {
		return person("delete", person, null, null, null, null);
	}

	public static TrackOperation event(PersonIdentifier person, String name, Map<String, ?> data) {
		return person("event", person, TrackLimits.eventName("name", name), Ulid.next(), data, null);
	}

	public static TrackOperation page(PersonIdentifier person, String url, Map<String, ?> data) {
		return person("page", person, TrackLimits.eventName("name", url), Ulid.next(), data, null);
	}

	public static TrackOperation screen(PersonIdentifier person, String screenName, Map<String, ?> data) {
		return person("screen", person, TrackLimits.eventName("name", screenName), Ulid.next(), data, null);
	}

	public static TrackOperation addDevice(PersonIdentifier person, Device device) {
		return person("add_device", person, null, null, null, device.json("token"));
	}

	public static TrackOperation deleteDevice(PersonIdentifier person, String token) {
		PayloadLimits.requireText("device.token", token);
		return person("delete_device", person, null, null, null, Map.of("token", token));
	}

	public static TrackOperation suppress(PersonIdentifier person) {
		return person("suppress", person, null, null, null, null);
	}

	public static TrackOperation unsuppress(PersonIdentifier person) {
		return person("unsuppress", person, null, null, null, null);
	}

	public static TrackOperation merge(PersonIdentifier primary, PersonIdentifier secondary) {
		if (primary == null || secondary == null) {
			throw new CustomerIoValidationException("primary/secondary", "required", "must both be given");
		}
		return new TrackOperation("person", "merge", null, null, null, null, null, null, primary, secondary);
	}

	private static TrackOperation person(String action, PersonIdentifier person, String name, String id,
			Map<String, ?> attributes, Map<String, Object> device) {
		Map<String, Object> copy = (attributes != null) ? new LinkedHashMap<>(attributes) : null;
		return new TrackOperation("person", action, person, name, id, null, copy, device, null, null);
	}

	/** This operation, happening at the given time. */
	public TrackOperation at(Instant time) {
		return new TrackOperation(this.type, this.action, this.identifiers, this.name, this.id, time.getEpochSecond(),
				this.attributes, this.device, this.primary, this.secondary);
	}

	@Override
	@JsonProperty("identifiers")
	public PersonIdentifier identifiers() {
		return this.identifiers;
	}

}
