package io.github.ciospring.customerio.track;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.EntityIdentifier;
import io.github.ciospring.customerio.JsonPayloads;
import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.PayloadLimits;
import io.github.ciospring.customerio.PersonIdentifier;
import io.github.ciospring.customerio.Ulid;

/**
 * One Track API v2 operation on a person or an object, for {@code POST /api/v2/entity} or as an item of
 * {@code POST /api/v2/batch}. Events get a ULID {@code id} at creation, reused on every retry. Operations on
 * objects are built with {@link ObjectOperation}; a person's relationships to objects with
 * {@link #addRelationships(PersonIdentifier, List)} and {@link #deleteRelationships(PersonIdentifier, List)}.
 *
 * @param type {@code person} or {@code object}
 * @param action for a person identify, delete, event, page, screen, add_device, delete_device, suppress,
 * unsuppress, merge, add_relationships or delete_relationships; for an object identify, identify_anonymous,
 * delete, add_relationships or delete_relationships
 * @param identifiers the person ({@link PersonIdentifier}) or object ({@link ObjectIdentifier}) the operation is
 * about ({@code null} for merge)
 * @param name the event name (events, pages, screens)
 * @param id the event's deduplication ULID (events, pages, screens)
 * @param timestamp when it happened, in Unix seconds; {@code null} for now
 * @param attributes the person's attributes (identify) or the event's data (events)
 * @param device the device (add_device, delete_device)
 * @param primary the person that remains (merge)
 * @param secondary the person merged into the primary and deleted (merge)
 * @param cioRelationships the other sides of the relationships to add or delete (add_relationships,
 * delete_relationships), or to add while identifying (identify, identify_anonymous); objects for a person, people
 * for an object
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackOperation(String type, String action, EntityIdentifier identifiers, String name, String id,
		Long timestamp, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> attributes,
		Map<String, Object> device, PersonIdentifier primary, PersonIdentifier secondary,
		@JsonProperty("cio_relationships") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Relationship> cioRelationships) {

	private static final Set<String> OBJECT_ACTIONS = Set.of("identify", "identify_anonymous", "delete",
			"add_relationships", "delete_relationships");

	public TrackOperation {
		PayloadLimits.requireText("action", action);
		if ("person".equals(type)) {
			if (identifiers == null && !"merge".equals(action)) {
				throw new CustomerIoValidationException("identifiers", "required",
						"must not be null for action " + action);
			}
			if (identifiers != null && !(identifiers instanceof PersonIdentifier)) {
				throw new CustomerIoValidationException("identifiers", "a person's id, email, phone or cio_id",
						"is " + Relationships.kindOf(identifiers) + " for type person");
			}
		}
		else if ("object".equals(type)) {
			if (!OBJECT_ACTIONS.contains(action)) {
				throw new CustomerIoValidationException("action", String.join(", ", OBJECT_ACTIONS.stream().sorted().toList()),
						"is '" + action + "' for type object");
			}
			if (!(identifiers instanceof ObjectIdentifier)) {
				throw new CustomerIoValidationException("identifiers", "an object's object_type_id and object_id, "
						+ "or cio_object_id", "is " + Relationships.kindOf(identifiers) + " for type object");
			}
			if (attributes != null && !attributes.isEmpty() && !action.startsWith("identify")) {
				throw new CustomerIoValidationException("attributes", "only with identify or identify_anonymous",
						"must be empty for an object's " + action);
			}
		}
		else {
			throw new CustomerIoValidationException("type", "person or object", "is '" + type + "'");
		}
		attributes = (action.startsWith("identify")) ? TrackLimits.attributes("attributes", attributes)
				: TrackLimits.eventData("attributes", attributes);
		if (name != null) {
			name = TrackLimits.eventName("name", name);
		}
		cioRelationships = Relationships.check(type, action, cioRelationships);
	}

	/**
	 * An operation without relationships: the form every person operation but add_relationships and
	 * delete_relationships takes.
	 */
	public TrackOperation(String type, String action, EntityIdentifier identifiers, String name, String id,
			Long timestamp, Map<String, Object> attributes, Map<String, Object> device, PersonIdentifier primary,
			PersonIdentifier secondary) {
		this(type, action, identifiers, name, id, timestamp, attributes, device, primary, secondary, null);
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

	/** Relates a person to objects, each relationship with its own attributes. */
	public static TrackOperation addRelationships(PersonIdentifier person, List<Relationship> objects) {
		return new TrackOperation("person", "add_relationships", person, null, null, null, null, null, null, null,
				objects);
	}

	/** Relates a person to objects. */
	public static TrackOperation addRelationships(PersonIdentifier person, Relationship... objects) {
		return addRelationships(person, List.of(objects));
	}

	/** Ends a person's relationships to objects. */
	public static TrackOperation deleteRelationships(PersonIdentifier person, List<Relationship> objects) {
		return new TrackOperation("person", "delete_relationships", person, null, null, null, null, null, null,
				null, objects);
	}

	/** Ends a person's relationships to these objects. */
	public static TrackOperation deleteRelationships(PersonIdentifier person, ObjectIdentifier... objects) {
		return deleteRelationships(person, Arrays.stream(objects).map(Relationship::withObject).toList());
	}

	private static TrackOperation person(String action, PersonIdentifier person, String name, String id,
			Map<String, ?> attributes, Map<String, Object> device) {
		Map<String, Object> copy = JsonPayloads.orderedCopy(attributes);
		return new TrackOperation("person", action, person, name, id, null, copy, device, null, null);
	}

	/** This operation, happening at the given time. */
	public TrackOperation at(Instant time) {
		return new TrackOperation(this.type, this.action, this.identifiers, this.name, this.id, time.getEpochSecond(),
				this.attributes, this.device, this.primary, this.secondary, this.cioRelationships);
	}

	@Override
	@JsonProperty("identifiers")
	public EntityIdentifier identifiers() {
		return this.identifiers;
	}

}
