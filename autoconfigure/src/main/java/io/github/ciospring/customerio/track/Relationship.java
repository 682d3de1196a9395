package io.github.ciospring.customerio.track;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ciospring.customerio.AnonymousIdentifier;
import io.github.ciospring.customerio.CustomerIoValidationException;
import io.github.ciospring.customerio.EntityIdentifier;
import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.PersonIdentifier;

/**
 * One item of a v2 operation's {@code cio_relationships}: the other side of the relationship and the
 * relationship's own attributes (a person's role in a company, say). The attributes are held to the same limits
 * as a person's: names up to 150 bytes, values up to 1000 bytes, at most 300; a {@code null} or empty value
 * removes the attribute from the relationship.
 *
 * @param identifiers the related object (for a person's operation), person (for an object's), or anonymous person
 * (for an object's {@code identify_anonymous})
 * @param relationshipAttributes the relationship's attributes, none when empty
 */
public record Relationship(EntityIdentifier identifiers,
		@JsonProperty("relationship_attributes") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> relationshipAttributes) {

	public Relationship {
		if (identifiers == null) {
			throw new CustomerIoValidationException("cio_relationships.identifiers", "required", "must not be null");
		}
		relationshipAttributes = TrackLimits.attributes("relationship_attributes", relationshipAttributes);
	}

	/** A relationship of a person to this object, without attributes. */
	public static Relationship withObject(ObjectIdentifier object) {
		return new Relationship(object, null);
	}

	/** A relationship of a person to this object, with the relationship's attributes. */
	public static Relationship withObject(ObjectIdentifier object, Map<String, ?> attributes) {
		return new Relationship(object, copy(attributes));
	}

	/** A relationship of an object to this person, without attributes. */
	public static Relationship withPerson(PersonIdentifier person) {
		return new Relationship(person, null);
	}

	/** A relationship of an object to this person, with the relationship's attributes. */
	public static Relationship withPerson(PersonIdentifier person, Map<String, ?> attributes) {
		return new Relationship(person, copy(attributes));
	}

	/** A relationship of an object to a person known only by an anonymous id ({@code identify_anonymous}). */
	public static Relationship withAnonymousPerson(String anonymousId, Map<String, ?> attributes) {
		return new Relationship(new AnonymousIdentifier(anonymousId), copy(attributes));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> copy(Map<String, ?> attributes) {
		return (Map<String, Object>) attributes;
	}

}
