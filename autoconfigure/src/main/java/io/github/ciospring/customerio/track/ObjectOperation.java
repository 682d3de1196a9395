package io.github.ciospring.customerio.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.ciospring.customerio.ObjectIdentifier;
import io.github.ciospring.customerio.PersonIdentifier;

/**
 * Builds Track v2 operations on objects (companies, accounts, courses...), checked against the documented limits
 * when {@link Builder#build() built}:
 *
 * <pre class="code">
 * TrackOperation acme = ObjectOperation.identify(ObjectIdentifier.of("1", "acme"))
 * 	.attribute("name", "Acme Corp")
 * 	.relatedPerson(PersonIdentifier.id("42"), Map.of("role", "admin"))
 * 	.build();
 * </pre>
 */
public final class ObjectOperation {

	private ObjectOperation() {
	}

	/** Creates the object, or updates it when it exists (a {@code cio_object_id} only updates). */
	public static Builder identify(ObjectIdentifier object) {
		return new Builder("identify", object);
	}

	/** Creates or updates the object and relates it to people known only by anonymous ids. */
	public static Builder identifyAnonymous(ObjectIdentifier object) {
		return new Builder("identify_anonymous", object);
	}

	/** Relates the object to people. */
	public static Builder addRelationships(ObjectIdentifier object) {
		return new Builder("add_relationships", object);
	}

	/** Ends the object's relationships to people. */
	public static Builder deleteRelationships(ObjectIdentifier object) {
		return new Builder("delete_relationships", object);
	}

	/** Deletes the object and its relationships to people. */
	public static TrackOperation delete(ObjectIdentifier object) {
		return new Builder("delete", object).build();
	}

	/**
	 * An object operation under construction. Not thread-safe; {@link #build()} checks everything and may be
	 * called more than once.
	 */
	public static final class Builder extends AttributesBuilder<Builder> {

		private final String action;

		private final ObjectIdentifier object;

		private final List<Relationship> relationships = new ArrayList<>();

		private Builder(String action, ObjectIdentifier object) {
			this.action = action;
			this.object = object;
		}

		/** Relates the object to a person. */
		public Builder relatedPerson(PersonIdentifier person) {
			this.relationships.add(Relationship.withPerson(person));
			return this;
		}

		/** Relates the object to a person, with the relationship's attributes. */
		public Builder relatedPerson(PersonIdentifier person, Map<String, ?> relationshipAttributes) {
			this.relationships.add(Relationship.withPerson(person, relationshipAttributes));
			return this;
		}

		/** Relates the object to a person known only by an anonymous id ({@code identify_anonymous} only). */
		public Builder relatedAnonymousPerson(String anonymousId, Map<String, ?> relationshipAttributes) {
			this.relationships.add(Relationship.withAnonymousPerson(anonymousId, relationshipAttributes));
			return this;
		}

		/**
		 * The operation.
		 * @throws io.github.ciospring.customerio.CustomerIoValidationException naming the field when the operation
		 * breaks a documented limit
		 */
		public TrackOperation build() {
			return new TrackOperation("object", this.action, this.object, null, null, null, attributeMap(), null,
					null, null, this.relationships);
		}

	}

}
